//===- NNLossOps.td - placeholder, filled by the Loss family -*- tablegen -*-===//
#ifndef NN_LOSS_OPS_TD
#define NN_LOSS_OPS_TD
include "ir/NNBase.td"
include "ir/NNEnums.td"
#endif
