// RUN: %nn-opt %s -convert-nn-to-linalg -split-input-file -verify-diagnostics | FileCheck %s

// Forward RNN: loop-invariant weight slices and the bias broadcast (Wb + Rb)
// before one scf.for over time; each step slices X[t], accumulates Xt * W^T
// then H * R^T into the bias (contractions reading W untransposed: (m, k) x
// (n, k) -> (m, n)), applies tanh writing into the state, and inserts it into
// y[t, 0]; y_h is the final state.
// CHECK-DAG: #[[LHS:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[RHS:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[ACC:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @rnn_forward
// CHECK-SAME: (%[[X:.*]]: tensor<5x3x4xf32>, %[[W:.*]]: tensor<1x8x4xf32>, %[[R:.*]]: tensor<1x8x8xf32>, %[[B:.*]]: tensor<1x16xf32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C5:.*]] = arith.constant 5 : index
// CHECK: %[[Y0:.*]] = tensor.empty() : tensor<5x1x3x8xf32>
// CHECK: %[[YH0:.*]] = tensor.empty() : tensor<1x3x8xf32>
// CHECK: %[[WD:.*]] = tensor.extract_slice %[[W]][0, 0, 0] [1, 8, 4] [1, 1, 1] : tensor<1x8x4xf32> to tensor<8x4xf32>
// CHECK: %[[RD:.*]] = tensor.extract_slice %[[R]][0, 0, 0] [1, 8, 8] [1, 1, 1] : tensor<1x8x8xf32> to tensor<8x8xf32>
// CHECK: %[[WB:.*]] = tensor.extract_slice %[[B]][0, 0] [1, 8] [1, 1] : tensor<1x16xf32> to tensor<8xf32>
// CHECK: %[[RB:.*]] = tensor.extract_slice %[[B]][0, 8] [1, 8] [1, 1] : tensor<1x16xf32> to tensor<8xf32>
// CHECK: %[[BIAS:.*]] = linalg.generic {indexing_maps = [#[[ROW]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[WB]], %[[RB]] : tensor<8xf32>, tensor<8xf32>) outs(%{{.*}} : tensor<3x8xf32>)
// CHECK: %[[H0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3x8xf32>)
// CHECK: %[[LOOP:.*]]:2 = scf.for %[[T:.*]] = %[[C0]] to %[[C5]] step %[[C1]] iter_args(%[[H:.*]] = %[[H0]], %[[Y:.*]] = %[[Y0]]) -> (tensor<3x8xf32>, tensor<5x1x3x8xf32>)
// CHECK: %[[XT:.*]] = tensor.extract_slice %[[X]][%[[T]], 0, 0] [1, 3, 4] [1, 1, 1] : tensor<5x3x4xf32> to tensor<3x4xf32>
// CHECK: %[[XW:.*]] = linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[ACC]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[XT]], %[[WD]] : {{.*}}) outs(%[[BIAS]] : tensor<3x8xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: %[[PRE:.*]] = linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[ACC]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[H]], %[[RD]] : {{.*}}) outs(%[[XW]] : tensor<3x8xf32>)
// CHECK: %[[HN:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[PRE]] : tensor<3x8xf32>) outs(%[[H]] : tensor<3x8xf32>)
// CHECK: math.tanh
// CHECK: %[[YN:.*]] = tensor.insert_slice %[[HN]] into %[[Y]][%[[T]], 0, 0, 0] [1, 1, 3, 8] [1, 1, 1, 1]
// CHECK: %[[HC:.*]] = linalg.copy ins(%[[HN]] : tensor<3x8xf32>) outs(%[[H]] : tensor<3x8xf32>)
// CHECK: scf.yield %[[HC]], %[[YN]]
// CHECK: %[[YH:.*]] = tensor.insert_slice %[[LOOP]]#0 into %[[YH0]][0, 0, 0] [1, 3, 8] [1, 1, 1]
// CHECK: return %[[LOOP]]#1, %[[YH]]
func.func @rnn_forward(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>, %b: tensor<1x16xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>) {
  %y, %y_h = nn.rnn %x, %w, %r bias(%b) {hidden_size = 8 : i64}
      : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>, tensor<1x16xf32>)
      -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return %y, %y_h : tensor<5x1x3x8xf32>, tensor<1x3x8xf32>
}

// -----

// Bidirectional GRU with dynamic sequence and batch: two loops threading y,
// the second reading X[S-1-t] and writing y[S-1-t, 1]; initial_h is sliced
// per direction. linear_before_reset: rt multiplies (H * Rh^T + Rbh) inside
// the final generic; clip bounds each pre-activation to [-3, 3].
// CHECK-LABEL: func.func @gru_bidirectional
// CHECK-SAME: (%[[X:.*]]: tensor<?x?x4xf32>, %{{.*}}: tensor<2x24x4xf32>, %{{.*}}: tensor<2x24x8xf32>, %[[H0:.*]]: tensor<2x?x8xf32>)
// CHECK-DAG: %[[BATCH:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x?x4xf32>
// CHECK-DAG: %[[S:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x?x4xf32>
// CHECK: %[[LAST:.*]] = arith.subi %[[S]], %{{.*}} : index
// CHECK: %[[Y0:.*]] = tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x2x?x8xf32>
// CHECK: tensor.extract_slice %[[H0]][0, 0, 0] [1, %{{.*}}, 8] [1, 1, 1] : tensor<2x?x8xf32> to tensor<?x8xf32>
// CHECK: %[[FWD:.*]]:2 = scf.for %[[T:.*]] = %{{.*}} to %[[S]] step %{{.*}} iter_args(%{{.*}} = %{{.*}}, %[[Y:.*]] = %[[Y0]])
// CHECK: tensor.extract_slice %[[X]][%[[T]], 0, 0] [1, %[[BATCH]], 4] [1, 1, 1] : tensor<?x?x4xf32> to tensor<?x4xf32>
// CHECK-COUNT-6: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK: arith.maximumf %{{.*}}, %{{.*}} : f32
// CHECK: arith.minimumf
// CHECK: math.exp
// CHECK: arith.mulf
// CHECK: math.tanh
// CHECK: arith.subf
// CHECK: tensor.insert_slice %{{.*}} into %[[Y]][%[[T]], 0, 0, 0] [1, 1, %[[BATCH]], 8]
// CHECK: tensor.extract_slice %[[H0]][1, 0, 0] [1, %{{.*}}, 8] [1, 1, 1] : tensor<2x?x8xf32> to tensor<?x8xf32>
// CHECK: %[[BWD:.*]]:2 = scf.for %[[T:.*]] = %{{.*}} to %[[S]] step %{{.*}} iter_args(%{{.*}} = %{{.*}}, %[[Y:.*]] = %[[FWD]]#1)
// CHECK: %[[TT:.*]] = arith.subi %[[LAST]], %[[T]] : index
// CHECK: tensor.extract_slice %[[X]][%[[TT]], 0, 0]
// CHECK: tensor.insert_slice %{{.*}} into %[[Y]][%[[TT]], 1, 0, 0] [1, 1, %[[BATCH]], 8]
// CHECK: tensor.insert_slice %[[BWD]]#0 into %{{.*}}[1, 0, 0] [1, %[[BATCH]], 8]
// CHECK: return %[[BWD]]#1
func.func @gru_bidirectional(%x: tensor<?x?x4xf32>, %w: tensor<2x24x4xf32>, %r: tensor<2x24x8xf32>, %h0: tensor<2x?x8xf32>) -> (tensor<?x2x?x8xf32>, tensor<2x?x8xf32>) {
  %y, %y_h = nn.gru %x, %w, %r initial_h(%h0)
      {direction = #nn<direction bidirectional>, hidden_size = 8 : i64, linear_before_reset = true, clip = 3.0 : f64}
      : (tensor<?x?x4xf32>, tensor<2x24x4xf32>, tensor<2x24x8xf32>, tensor<2x?x8xf32>)
      -> (tensor<?x2x?x8xf32>, tensor<2x?x8xf32>)
  return %y, %y_h : tensor<?x2x?x8xf32>, tensor<2x?x8xf32>
}

// -----

// GRU with linear_before_reset = false: rt . Ht-1 is formed first, then
// contracted with Rh (the seventh contraction reads it).
// CHECK-LABEL: func.func @gru_reset_before_linear
// CHECK: scf.for
// CHECK-COUNT-4: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: %[[RH:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK: math.exp
// CHECK: arith.mulf
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[RH]],
// CHECK: math.tanh
func.func @gru_reset_before_linear(%x: tensor<5x3x4xf32>, %w: tensor<1x24x4xf32>, %r: tensor<1x24x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>) {
  %y, %y_h = nn.gru %x, %w, %r {hidden_size = 8 : i64}
      : (tensor<5x3x4xf32>, tensor<1x24x4xf32>, tensor<1x24x8xf32>)
      -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return %y, %y_h : tensor<5x1x3x8xf32>, tensor<1x3x8xf32>
}

// -----

// Reverse LSTM with peepholes and listed activations: two states (h, c) as
// iter_args; the cell generic reads the i and f peepholes ([8] -> (d1)) and
// writes into c, the output generic reads Po and the new c and writes into h.
// HardSigmoid takes alpha 0.3 (given) and beta 0.5 (default); g = Relu,
// h = Softsign.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @lstm_reverse
// CHECK-SAME: %[[P:[^:]*]]: tensor<1x24xf32>)
// CHECK-DAG: %[[PI:.*]] = tensor.extract_slice %[[P]][0, 0] [1, 8] [1, 1]
// CHECK-DAG: %[[PO:.*]] = tensor.extract_slice %[[P]][0, 8] [1, 8] [1, 1]
// CHECK-DAG: %[[PF:.*]] = tensor.extract_slice %[[P]][0, 16] [1, 8] [1, 1]
// CHECK: %[[LOOP:.*]]:3 = scf.for %{{.*}} iter_args(%[[H:.*]] = %{{.*}}, %[[C:.*]] = %{{.*}}, %[[Y:.*]] = %{{.*}}) -> (tensor<3x8xf32>, tensor<3x8xf32>, tensor<5x1x3x8xf32>)
// CHECK: arith.subi
// CHECK-COUNT-8: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: %[[CN:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[ID]], #[[ID]], #[[ROW]], #[[ROW]], #[[ID]]], {{.*}} ins({{.*}}, %[[C]], {{.*}}, %[[PI]], %[[PF]] : {{.*}}) outs(%[[C]] : tensor<3x8xf32>)
// CHECK-DAG: arith.constant 3.000000e-01 : f32
// CHECK-DAG: arith.constant 5.000000e-01 : f32
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: %[[HN:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[ROW]], #[[ID]]], {{.*}} ins(%{{.*}}, %[[CN]], %[[PO]] : {{.*}}) outs(%[[H]] : tensor<3x8xf32>)
// CHECK: math.absf
// CHECK: arith.divf
// CHECK: %[[HC:.*]] = linalg.copy ins(%[[HN]] : {{.*}}) outs(%[[H]] : {{.*}})
// CHECK: %[[CC:.*]] = linalg.copy ins(%[[CN]] : {{.*}})
// CHECK: scf.yield %[[HC]], %[[CC]], %{{.*}}
// CHECK: tensor.insert_slice %[[LOOP]]#0
// CHECK: tensor.insert_slice %[[LOOP]]#1
func.func @lstm_reverse(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %p: tensor<1x24xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>) {
  %y, %y_h, %y_c = nn.lstm %x, %w, %r peepholes(%p)
      {direction = #nn<direction reverse>, hidden_size = 8 : i64, activations = ["HardSigmoid", "Relu", "Softsign"], activation_alpha = array<f64: 0.3>}
      : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x24xf32>)
      -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return %y, %y_h, %y_c : tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>
}

// -----

// input_forget: ft = 1 - it, so the forget gate's contractions are skipped
// (six instead of eight).
// CHECK-LABEL: func.func @lstm_input_forget
// CHECK: scf.for
// CHECK-COUNT-6: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-NOT: iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: arith.subf
// CHECK: scf.yield
func.func @lstm_input_forget(%x: tensor<5x3x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>) {
  %y, %y_h, %y_c = nn.lstm %x, %w, %r {hidden_size = 8 : i64, input_forget = true}
      : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>)
      -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return %y, %y_h, %y_c : tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>
}

// -----

// sequence_lens (reverse): lengths as [batch, 1] read through (d0, 0); after
// each step a mask generic keeps the previous state where the time index is
// not below the length (writing into the state), and another zeroes y there.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[LEN:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @sequence_lens
// CHECK: %[[LENS:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [3, 1] : tensor<3xi32> into tensor<3x1xi32>
// CHECK: scf.for %[[T:.*]] = {{.*}} iter_args(%[[H:.*]] = %{{.*}}, %[[Y:.*]] = %{{.*}})
// CHECK: %[[TT:.*]] = arith.subi %{{.*}}, %[[T]] : index
// CHECK: %[[HN:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]}
// CHECK: math.tanh
// CHECK: %[[TI:.*]] = arith.index_cast %[[TT]] : index to i32
// CHECK: %[[HM:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[LEN]], #[[ID]]], {{.*}} ins(%[[HN]], %[[H]], %[[LENS]] : {{.*}}) outs(%[[H]] : tensor<3x8xf32>)
// CHECK: ^bb0(%[[NEW:.*]]: f32, %[[OLD:.*]]: f32, %[[L:.*]]: i32, %{{.*}}: f32)
// CHECK: %[[OK:.*]] = arith.cmpi slt, %[[TI]], %[[L]] : i32
// CHECK: arith.select %[[OK]], %[[NEW]], %[[OLD]] : f32
// CHECK: %[[YV:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[LEN]], #[[ID]]], {{.*}} ins(%[[HM]], %[[LENS]] : {{.*}})
// CHECK: arith.cmpi slt, %[[TI]]
// CHECK: arith.select
// CHECK: tensor.insert_slice %[[YV]] into %[[Y]][%[[TT]], 0, 0, 0]
// CHECK: %[[HC:.*]] = linalg.copy ins(%[[HM]] : {{.*}}) outs(%[[H]] : {{.*}})
// CHECK: scf.yield %[[HC]]
func.func @sequence_lens(%x: tensor<5x3x4xf32>, %w: tensor<1x8x4xf32>, %r: tensor<1x8x8xf32>, %s: tensor<3xi32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>) {
  %y, %y_h = nn.rnn %x, %w, %r sequence_lens(%s) {hidden_size = 8 : i64, direction = #nn<direction reverse>}
      : (tensor<5x3x4xf32>, tensor<1x8x4xf32>, tensor<1x8x8xf32>, tensor<3xi32>)
      -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
  return %y, %y_h : tensor<5x1x3x8xf32>, tensor<1x3x8xf32>
}
