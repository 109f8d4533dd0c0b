//===- NNOps.td - all nn ops, one include per family -----*- tablegen -*-===//
//
// The single tablegen unit for the dialect: op families live in their own
// files, in pipeline-reading order.
//
//===----------------------------------------------------------------------===//

#ifndef NN_OPS_TD
#define NN_OPS_TD

include "ir/NNBase.td"
include "ir/NNEnums.td"
include "ir/NNInterfaces.td"
include "ir/NNElementwiseOps.td"
include "ir/NNContractionOps.td"
include "ir/NNNormalizationOps.td"
include "ir/NNPoolingOps.td"
include "ir/NNDataMovementOps.td"
include "ir/NNRecurrentOps.td"
include "ir/NNLossOps.td"
include "ir/NNFusionOps.td"
include "ir/NNOptimizerOps.td"
include "ir/NNGradientOps.td"

#endif // NN_OPS_TD
