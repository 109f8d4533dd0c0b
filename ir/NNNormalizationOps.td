//===- NNNormalizationOps.td - placeholder, filled by the Normalization family -*- tablegen -*-===//
#ifndef NN_NORMALIZATION_OPS_TD
#define NN_NORMALIZATION_OPS_TD
include "ir/NNBase.td"
include "ir/NNEnums.td"
#endif
