//===- NNRecurrentOps.td - placeholder, filled by the Recurrent family -*- tablegen -*-===//
#ifndef NN_RECURRENT_OPS_TD
#define NN_RECURRENT_OPS_TD
include "ir/NNBase.td"
include "ir/NNEnums.td"
#endif
