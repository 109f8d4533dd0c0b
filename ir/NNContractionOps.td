//===- NNContractionOps.td - placeholder, filled by the Contraction family -*- tablegen -*-===//
#ifndef NN_CONTRACTION_OPS_TD
#define NN_CONTRACTION_OPS_TD
include "ir/NNBase.td"
include "ir/NNEnums.td"
#endif
