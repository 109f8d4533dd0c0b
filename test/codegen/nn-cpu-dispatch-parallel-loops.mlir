// RUN: %nn-opt %s -nn-cpu-dispatch-parallel-loops | FileCheck %s

// A call of an outlined body becomes nnc_parallel_for(count, thunk, ctx):
// the arguments after (begin, end) go into a stack struct, and the thunk
// reloads them and calls the body over the range it is given.
// CHECK:       llvm.func @caller(%[[P:.*]]: !llvm.ptr, %[[X:.*]]: f32)
// CHECK:         %[[CTX:.*]] = llvm.alloca %{{.*}} x !llvm.struct<(ptr, f32)>
// CHECK:         llvm.store %[[P]], %{{.*}} : !llvm.ptr, !llvm.ptr
// CHECK:         llvm.store %[[X]], %{{.*}} : f32, !llvm.ptr
// CHECK:         %[[N:.*]] = llvm.sub
// CHECK:         %[[T:.*]] = llvm.mlir.addressof @__nn_par_caller_0_thunk
// CHECK:         llvm.call @nnc_parallel_for(%[[N]], %[[T]], %[[CTX]])
// CHECK-NOT:     llvm.call @__nn_par_caller_0(
// CHECK:       llvm.func @nnc_parallel_for(i64, !llvm.ptr, !llvm.ptr)
// CHECK:       llvm.func internal @__nn_par_caller_0_thunk(%[[C:.*]]: !llvm.ptr, %[[B:.*]]: i64, %[[E:.*]]: i64)
// CHECK:         %[[F0:.*]] = llvm.load {{.*}} : !llvm.ptr -> !llvm.ptr
// CHECK:         %[[F1:.*]] = llvm.load {{.*}} : !llvm.ptr -> f32
// CHECK:         llvm.call @__nn_par_caller_0(%[[B]], %[[E]], %[[F0]], %[[F1]])
module {
  llvm.func @__nn_par_caller_0(%b: i64, %e: i64, %p: !llvm.ptr, %x: f32) {
    llvm.return
  }
  llvm.func @caller(%p: !llvm.ptr, %x: f32) {
    %c0 = llvm.mlir.constant(0 : i64) : i64
    %c16 = llvm.mlir.constant(16 : i64) : i64
    llvm.call @__nn_par_caller_0(%c0, %c16, %p, %x) : (i64, i64, !llvm.ptr, f32) -> ()
    llvm.return
  }
}
