//===- NNPoolingOps.td - placeholder, filled by the Pooling family -*- tablegen -*-===//
#ifndef NN_POOLING_OPS_TD
#define NN_POOLING_OPS_TD
include "ir/NNBase.td"
include "ir/NNEnums.td"
#endif
