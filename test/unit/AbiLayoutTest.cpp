//===- AbiLayoutTest.cpp - The compiler's ABI structs match abi.h ---------===//
///
/// \file
/// The compiler emits the module descriptor as LLVM constants whose struct
/// types mirror the C structs of wasm2native/abi.h. This checks, for every
/// supported 64-bit target's data layout, that each member sits at the
/// offset the C compiler gives it here, so the runtime reads what the
/// compiler wrote.
///
//===----------------------------------------------------------------------===//

#include "ir/AbiTypes.h"
#include "ir/InstanceContext.h"

#include "wasm2native/abi.h"

#include "llvm/IR/DataLayout.h"
#include "llvm/IR/LLVMContext.h"

#include "gtest/gtest.h"

#include <cstddef>
#include <iterator>
#include <vector>

using namespace llvm;
using namespace w2n;

namespace {

// The data layouts LLVM uses for the Linux targets of targets/.
const char *const X86_64Layout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-"
                                 "i64:64-i128:128-f80:128-n8:16:32:64-S128";
const char *const AArch64Layout =
    "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32";
const char *const RISCV64Layout = "e-m:e-p:64:64-i64:64-i128:128-n32:64-S128";
const char *const Layouts[] = {X86_64Layout, AArch64Layout, RISCV64Layout};

class AbiLayoutTest : public ::testing::TestWithParam<const char *> {
protected:
  void expectLayout(StructType *T, size_t CSize, std::vector<size_t> COffsets) {
    DataLayout DL(GetParam());
    const StructLayout *SL = DL.getStructLayout(T);
    ASSERT_EQ(T->getNumElements(), COffsets.size());
    for (unsigned I = 0; I < COffsets.size(); ++I)
      EXPECT_EQ(SL->getElementOffset(I), COffsets[I]) << "member " << I;
    EXPECT_EQ(SL->getSizeInBytes(), CSize);
  }

  LLVMContext Ctx;
  AbiTypes T = AbiTypes::get(Ctx);
};

#define OFF(S, M) offsetof(S, M)

template <typename R, typename... Args>
constexpr unsigned functionArity(R (*)(Args...)) {
  return sizeof...(Args);
}

TEST_P(AbiLayoutTest, ConstExpr) {
  expectLayout(T.ConstExpr, sizeof(w2n_const_expr),
               {OFF(w2n_const_expr, kind), OFF(w2n_const_expr, type),
                OFF(w2n_const_expr, index), OFF(w2n_const_expr, value)});
}

TEST_P(AbiLayoutTest, FuncTypeLimitsTables) {
  expectLayout(T.FuncType, sizeof(w2n_func_type),
               {OFF(w2n_func_type, num_params), OFF(w2n_func_type, num_results),
                OFF(w2n_func_type, types)});
  expectLayout(T.Limits, sizeof(w2n_limits),
               {OFF(w2n_limits, min), OFF(w2n_limits, max),
                OFF(w2n_limits, has_max), OFF(w2n_limits, flags)});
  expectLayout(T.TableType, sizeof(w2n_table_type),
               {OFF(w2n_table_type, elem_type), OFF(w2n_table_type, limits)});
}

TEST_P(AbiLayoutTest, Globals) {
  expectLayout(T.GlobalType, sizeof(w2n_global_type),
               {OFF(w2n_global_type, type), OFF(w2n_global_type, mutable_)});
  expectLayout(T.GlobalDesc, sizeof(w2n_global_desc),
               {OFF(w2n_global_desc, type), OFF(w2n_global_desc, init)});
}

TEST_P(AbiLayoutTest, ImportsAndExports) {
  expectLayout(T.Import, sizeof(w2n_import),
               {OFF(w2n_import, module), OFF(w2n_import, name),
                OFF(w2n_import, kind), OFF(w2n_import, index),
                OFF(w2n_import, module_len), OFF(w2n_import, name_len)});
  expectLayout(T.Export, sizeof(w2n_export),
               {OFF(w2n_export, name), OFF(w2n_export, kind),
                OFF(w2n_export, index), OFF(w2n_export, name_len)});
}

TEST_P(AbiLayoutTest, Segments) {
  expectLayout(T.ElemSegment, sizeof(w2n_elem_segment),
               {OFF(w2n_elem_segment, mode), OFF(w2n_elem_segment, elem_type),
                OFF(w2n_elem_segment, table_index),
                OFF(w2n_elem_segment, offset), OFF(w2n_elem_segment, num_items),
                OFF(w2n_elem_segment, items)});
  expectLayout(T.DataSegment, sizeof(w2n_data_segment),
               {OFF(w2n_data_segment, mode),
                OFF(w2n_data_segment, memory_index),
                OFF(w2n_data_segment, offset), OFF(w2n_data_segment, size),
                OFF(w2n_data_segment, bytes)});
}

TEST_P(AbiLayoutTest, Descriptor) {
  using D = w2n_module_descriptor;
  expectLayout(T.Descriptor, sizeof(D),
               {OFF(D, abi_version),
                OFF(D, flags),
                OFF(D, guard_bytes),
                OFF(D, target_triple),
                OFF(D, num_types),
                OFF(D, types),
                OFF(D, invoke),
                OFF(D, host_trampolines),
                OFF(D, num_imports),
                OFF(D, imports),
                OFF(D, num_funcs),
                OFF(D, num_imported_funcs),
                OFF(D, func_types),
                OFF(D, func_code),
                OFF(D, func_names),
                OFF(D, num_tables),
                OFF(D, num_imported_tables),
                OFF(D, tables),
                OFF(D, num_memories),
                OFF(D, num_imported_memories),
                OFF(D, memories),
                OFF(D, num_globals),
                OFF(D, num_imported_globals),
                OFF(D, globals),
                OFF(D, num_exports),
                OFF(D, exports),
                OFF(D, has_start),
                OFF(D, start_func),
                OFF(D, num_elem_segments),
                OFF(D, elem_segments),
                OFF(D, num_data_segments),
                OFF(D, data_segments),
                OFF(D, vmctx_layout),
                OFF(D, module_name)});
}

TEST_P(AbiLayoutTest, VMContextLayout) {
  using L = w2n_vmctx_layout;
  expectLayout(T.VMContextLayout, sizeof(L),
               {OFF(L, globals_offset), OFF(L, tables_offset),
                OFF(L, memories_offset), OFF(L, funcs_offset),
                OFF(L, type_ids_offset), OFF(L, size)});
}

INSTANTIATE_TEST_SUITE_P(Targets, AbiLayoutTest, ::testing::ValuesIn(Layouts));

// The runtime objects that compiled code reads through fixed offsets.
TEST(AbiObjectsTest, RuntimeObjectOffsets) {
  EXPECT_EQ(offsetof(w2n_memory, base), 0u);
  EXPECT_EQ(offsetof(w2n_memory, size_bytes), 8u);
  EXPECT_EQ(offsetof(w2n_funcref, code), 0u);
  EXPECT_EQ(offsetof(w2n_funcref, vmctx), 8u);
  EXPECT_EQ(offsetof(w2n_funcref, type_id), 16u);
  EXPECT_EQ(offsetof(w2n_table, elems), 0u);
  EXPECT_EQ(offsetof(w2n_table, size), 8u);
  EXPECT_EQ(offsetof(w2n_host_func, callback), 0u);
  EXPECT_EQ(sizeof(w2n_val), 16u);
}

// Every slot of w2n_runtime_fns, at the offset the compiler loads it from
// (ir/InstanceContext.h), with the signature it calls it with.
TEST(AbiObjectsTest, RuntimeFnSlots) {
  LLVMContext Ctx;
  unsigned Slots = 0;
#define W2N_RUNTIME_FN(name, Name, Result, Params)                             \
  EXPECT_EQ(offsetof(w2n_runtime_fns, name), runtimeFnOffset(Rt##Name))        \
      << #name;                                                                \
  EXPECT_EQ(offsetof(w2n_runtime_fns, name), Slots * sizeof(void *)) << #name; \
  EXPECT_EQ(runtimeFnType(Ctx, Rt##Name)->getNumParams(),                      \
            functionArity(decltype(w2n_runtime_fns::name)(nullptr)))           \
      << #name;                                                                \
  ++Slots;
#define W2N_RUNTIME_FN_RETIRED(name)                                           \
  EXPECT_EQ(offsetof(w2n_runtime_fns, name), Slots * sizeof(void *)) << #name; \
  ++Slots;
#include "wasm2native/runtime_fns.def"
  EXPECT_EQ(Slots, unsigned(NumRuntimeFnSlots));
  EXPECT_EQ(sizeof(w2n_runtime_fns), Slots * sizeof(void *));
}

// The fields of the vmctx header: 8 bytes each, one after the other, in
// the order of abi.h's picture.
TEST(AbiObjectsTest, VMContextHeader) {
  const unsigned Fields[] = {W2N_VMCTX_MEMORY,    W2N_VMCTX_STACK_LIMIT,
                             W2N_VMCTX_RUNTIME,   W2N_VMCTX_INSTANCE,
                             W2N_VMCTX_FUEL,      W2N_VMCTX_EPOCH_DEADLINE,
                             W2N_VMCTX_LOAD_SINK, W2N_VMCTX_EPOCH_COUNTER};
  for (unsigned I = 0; I < std::size(Fields); ++I)
    EXPECT_EQ(Fields[I], 8 * I) << "field " << I;
  EXPECT_EQ(W2N_VMCTX_HEADER_SIZE, 8 * std::size(Fields));
}

TEST(AbiObjectsTest, VMContextLayout) {
  w2n_vmctx_layout L = w2n_compute_vmctx_layout(3, 2, 6, 5, 4);
  EXPECT_EQ(L.globals_offset, W2N_VMCTX_HEADER_SIZE);
  EXPECT_EQ(L.tables_offset, L.globals_offset + 3 * 8);
  EXPECT_EQ(L.memories_offset, L.tables_offset + 2 * 8);
  EXPECT_EQ(L.funcs_offset, L.memories_offset + 6 * 8);
  EXPECT_EQ(L.type_ids_offset, L.funcs_offset + 5 * 8);
  EXPECT_EQ(L.size, L.type_ids_offset + 4 * 4);
  EXPECT_EQ(L.size % 8, 0u);
}

} // namespace
