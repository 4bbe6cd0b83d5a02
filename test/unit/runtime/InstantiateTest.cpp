//===- InstantiateTest.cpp - Linking and instantiation --------------------===//
///
/// \file
/// Instantiation of descriptors built in the test (no code to run): import
/// matching, the vmctx contents, segment initialisation and its traps.
///
//===----------------------------------------------------------------------===//

#include "wasm2native/runtime.h"

#include "gtest/gtest.h"

#include <cstring>
#include <deque>

using namespace w2n::rt;

namespace {

void dummyCode() {}

/// Builds a descriptor; the arrays live as long as the builder.
struct DescBuilder {
  std::deque<std::vector<uint8_t>> TypeLists;
  std::vector<w2n_func_type> Types;
  std::vector<w2n_invoke_fn> Invokes;
  std::vector<void *> HostTrampolines;
  std::vector<w2n_import> Imports;
  std::vector<uint32_t> FuncTypes;
  std::vector<w2n_table_type> Tables;
  std::vector<w2n_limits> Memories;
  std::vector<w2n_global_desc> Globals;
  std::vector<w2n_export> Exports;
  std::deque<std::vector<w2n_const_expr>> ItemLists;
  std::vector<w2n_elem_segment> Elems;
  std::deque<std::string> Bytes;
  std::vector<w2n_data_segment> Datas;
  uint32_t ImportedFuncs = 0, ImportedTables = 0, ImportedMemories = 0,
           ImportedGlobals = 0;
  uint32_t Flags = 0;
  w2n_module_descriptor D;

  uint32_t type(std::vector<uint8_t> Params, std::vector<uint8_t> Results) {
    std::vector<uint8_t> All = Params;
    All.insert(All.end(), Results.begin(), Results.end());
    TypeLists.push_back(All);
    Types.push_back({uint32_t(Params.size()), uint32_t(Results.size()),
                     TypeLists.back().data()});
    Invokes.push_back(nullptr);
    HostTrampolines.push_back(reinterpret_cast<void *>(&dummyCode));
    return uint32_t(Types.size() - 1);
  }
  void importFunc(const char *M, const char *N, uint32_t Type) {
    Imports.push_back({M, N, W2N_EXTERN_FUNC, ImportedFuncs++,
                       uint32_t(std::strlen(M)), uint32_t(std::strlen(N))});
    FuncTypes.push_back(Type);
  }
  void importTable(const char *M, const char *N, w2n_table_type T) {
    Imports.push_back({M, N, W2N_EXTERN_TABLE, ImportedTables++,
                       uint32_t(std::strlen(M)), uint32_t(std::strlen(N))});
    Tables.push_back(T);
  }
  void importMemory(const char *M, const char *N, w2n_limits L) {
    Imports.push_back({M, N, W2N_EXTERN_MEMORY, ImportedMemories++,
                       uint32_t(std::strlen(M)), uint32_t(std::strlen(N))});
    Memories.push_back(L);
  }
  void importGlobal(const char *M, const char *N, uint8_t T, bool Mut) {
    Imports.push_back({M, N, W2N_EXTERN_GLOBAL, ImportedGlobals++,
                       uint32_t(std::strlen(M)), uint32_t(std::strlen(N))});
    w2n_global_desc G;
    std::memset(&G, 0, sizeof(G));
    G.type = {T, uint8_t(Mut)};
    Globals.push_back(G);
  }
  void global(uint8_t T, bool Mut, w2n_const_expr Init) {
    w2n_global_desc G;
    std::memset(&G, 0, sizeof(G));
    G.type = {T, uint8_t(Mut)};
    G.init = Init;
    Globals.push_back(G);
  }
  void elem(uint8_t Mode, uint32_t Table, w2n_const_expr Offset,
            std::vector<w2n_const_expr> Items) {
    ItemLists.push_back(std::move(Items));
    w2n_elem_segment S;
    std::memset(&S, 0, sizeof(S));
    S.mode = Mode;
    S.elem_type = W2N_FUNCREF;
    S.table_index = Table;
    S.offset = Offset;
    S.num_items = uint32_t(ItemLists.back().size());
    S.items = ItemLists.back().data();
    Elems.push_back(S);
  }
  void data(uint8_t Mode, w2n_const_expr Offset, std::string B,
            uint32_t Memory = 0) {
    Bytes.push_back(std::move(B));
    w2n_data_segment S;
    std::memset(&S, 0, sizeof(S));
    S.mode = Mode;
    S.memory_index = Memory;
    S.offset = Offset;
    S.size = Bytes.back().size();
    S.bytes = reinterpret_cast<const uint8_t *>(Bytes.back().data());
    Datas.push_back(S);
  }

  const w2n_module_descriptor *build() {
    std::memset(&D, 0, sizeof(D));
    D.abi_version = W2N_ABI_VERSION;
    D.flags = Flags;
    D.guard_bytes = uint64_t(2) << 30;
    D.num_types = uint32_t(Types.size());
    D.types = Types.data();
    D.invoke = Invokes.data();
    D.host_trampolines = HostTrampolines.data();
    D.num_imports = uint32_t(Imports.size());
    D.imports = Imports.data();
    D.num_funcs = uint32_t(FuncTypes.size());
    D.num_imported_funcs = ImportedFuncs;
    D.func_types = FuncTypes.data();
    D.num_tables = uint32_t(Tables.size());
    D.num_imported_tables = ImportedTables;
    D.tables = Tables.data();
    D.num_memories = uint32_t(Memories.size());
    D.num_imported_memories = ImportedMemories;
    D.memories = Memories.data();
    D.num_globals = uint32_t(Globals.size());
    D.num_imported_globals = ImportedGlobals;
    D.globals = Globals.data();
    D.num_exports = uint32_t(Exports.size());
    D.exports = Exports.data();
    D.num_elem_segments = uint32_t(Elems.size());
    D.elem_segments = Elems.data();
    D.num_data_segments = uint32_t(Datas.size());
    D.data_segments = Datas.data();
    D.vmctx_layout = w2n_compute_vmctx_layout(
        D.num_globals, D.num_tables, D.num_memories, D.num_funcs, D.num_types);
    return &D;
  }

  std::shared_ptr<LoadedModule> load() {
    std::string Err;
    auto M = LoadedModule::fromDescriptor(build(), Err);
    EXPECT_TRUE(M) << Err;
    return M;
  }
};

w2n_const_expr i32Const(uint32_t V) {
  w2n_const_expr C;
  std::memset(&C, 0, sizeof(C));
  C.kind = W2N_CONST_VALUE;
  C.type = W2N_I32;
  C.value.i32 = V;
  return C;
}

w2n_const_expr globalGet(uint32_t I, uint8_t Type = W2N_I32) {
  w2n_const_expr C;
  std::memset(&C, 0, sizeof(C));
  C.kind = W2N_CONST_GLOBAL_GET;
  C.type = Type;
  C.index = I;
  return C;
}

w2n_const_expr refFunc(uint32_t I) {
  w2n_const_expr C;
  std::memset(&C, 0, sizeof(C));
  C.kind = W2N_CONST_REF_FUNC;
  C.type = W2N_FUNCREF;
  C.index = I;
  return C;
}

w2n_limits limits(uint64_t Min, std::optional<uint64_t> Max = std::nullopt) {
  return {Min, Max.value_or(0), Max.has_value(), 0};
}

w2n_table_type tableType(uint64_t Min, std::optional<uint64_t> Max,
                         uint8_t Elem = W2N_FUNCREF) {
  w2n_table_type T;
  std::memset(&T, 0, sizeof(T));
  T.elem_type = Elem;
  T.limits = limits(Min, Max);
  return T;
}

void nop(void *, w2n_val *) {}

template <typename T> T vmctxField(const Instance &I, uint32_t Offset) {
  T V;
  std::memcpy(&V, reinterpret_cast<const char *>(I.vmctx()) + Offset,
              sizeof(T));
  return V;
}

} // namespace

TEST(InstantiateTest, ChecksTheDescriptor) {
  DescBuilder B;
  B.build();
  std::string Err;
  w2n_module_descriptor Bad = B.D;
  Bad.abi_version = W2N_ABI_VERSION + 1;
  EXPECT_FALSE(LoadedModule::fromDescriptor(&Bad, Err));
  EXPECT_NE(Err.find("ABI version"), std::string::npos) << Err;
  Bad = B.D;
  Bad.flags = 0x80;
  EXPECT_FALSE(LoadedModule::fromDescriptor(&Bad, Err));
  Bad = B.D;
  Bad.vmctx_layout.size += 8;
  EXPECT_FALSE(LoadedModule::fromDescriptor(&Bad, Err));
  EXPECT_NE(Err.find("layout"), std::string::npos) << Err;
  Bad = B.D;
  Bad.target_triple = "wasm32-unknown-unknown";
  EXPECT_FALSE(LoadedModule::fromDescriptor(&Bad, Err));
  EXPECT_NE(Err.find("wasm32"), std::string::npos) << Err;
  EXPECT_TRUE(LoadedModule::fromDescriptor(&B.D, Err));
}

TEST(InstantiateTest, FunctionImportsNeedTheExactType) {
  DescBuilder B;
  B.importFunc("m", "f", B.type({W2N_I32}, {}));
  auto Mod = B.load();
  Store S;
  Func *Good = S.createHostFunc(FuncType({W2N_I32}, {}), nop, nullptr);
  Func *Bad = S.createHostFunc(FuncType({W2N_I64}, {}), nop, nullptr);

  InstantiateResult R = S.instantiate(Mod, {Extern::func(Bad)});
  EXPECT_EQ(R.Inst, nullptr);
  EXPECT_EQ(R.Err.K, Error::Unlinkable);
  EXPECT_EQ(R.Err.Message.rfind("incompatible import type", 0), 0u)
      << R.Err.Message;

  R = S.instantiate(Mod, {Extern::global(S.createGlobal({W2N_I32, 0}, {}))});
  EXPECT_EQ(R.Err.K, Error::Unlinkable);
  EXPECT_NE(R.Err.Message.find("expected func, got global"), std::string::npos)
      << R.Err.Message;

  R = S.instantiate(Mod, {Extern::func(Good)});
  ASSERT_NE(R.Inst, nullptr) << R.Err.Message;
  // A host function gets the importing module's trampoline for its type.
  EXPECT_EQ(Good->Ref.code, B.HostTrampolines[0]);
  EXPECT_EQ(Good->Ref.vmctx, &Good->Host->Abi);
  EXPECT_EQ(R.Inst->func(0), Good);
  EXPECT_EQ(vmctxField<w2n_funcref *>(*R.Inst, B.D.vmctx_layout.funcs_offset),
            Good->ref());

  R = S.instantiate(Mod, {});
  EXPECT_EQ(R.Err.K, Error::Unlinkable);
}

TEST(InstantiateTest, ImportedHostFunctionsNeedATrampoline) {
  DescBuilder B;
  B.importFunc("m", "f", B.type({W2N_I32}, {}));
  B.HostTrampolines[0] = nullptr;
  auto Mod = B.load();
  Store S;
  Func *F = S.createHostFunc(FuncType({W2N_I32}, {}), nop, nullptr);
  InstantiateResult R = S.instantiate(Mod, {Extern::func(F)});
  EXPECT_EQ(R.Err.K, Error::Unlinkable);
  EXPECT_NE(R.Err.Message.find("no host trampoline"), std::string::npos)
      << R.Err.Message;
}

// A host function the embedder puts in a table without any import must have
// code before compiled code can call it: it gets it from any module of the
// store with a trampoline of its type, made before or after it.
TEST(InstantiateTest, HostFunctionsGetCodeFromAnyModule) {
  DescBuilder B;
  B.type({W2N_I32}, {});
  B.type({W2N_F32}, {});
  B.HostTrampolines[1] = nullptr; // a type no import or call_indirect uses
  auto Mod = B.load();
  Store S;
  Func *Before = S.createHostFunc(FuncType({W2N_I32}, {}), nop, nullptr);
  Func *Unused = S.createHostFunc(FuncType({W2N_F32}, {}), nop, nullptr);
  EXPECT_EQ(Before->Ref.code, nullptr);
  InstantiateResult R = S.instantiate(Mod, {});
  ASSERT_NE(R.Inst, nullptr) << R.Err.Message;
  EXPECT_EQ(Before->Ref.code, B.HostTrampolines[0]);
  EXPECT_EQ(Unused->Ref.code, nullptr);
  Func *After = S.createHostFunc(FuncType({W2N_I32}, {}), nop, nullptr);
  EXPECT_EQ(After->Ref.code, B.HostTrampolines[0]);
}

TEST(InstantiateTest, TableAndMemoryImportsUseLimitsSubtyping) {
  DescBuilder B;
  B.importTable("m", "t", tableType(2, 4));
  B.importMemory("m", "mem", limits(1, 2));
  auto Mod = B.load();
  Store S;
  std::string Err;
  Memory *Mem = S.createMemory(limits(1, 2), Err);
  ASSERT_TRUE(Mem) << Err;
  Table *T = S.createTable(tableType(2, 4), nullptr, Err);
  ASSERT_TRUE(T) << Err;

  EXPECT_TRUE(S.instantiate(Mod, {Extern::table(T), Extern::memory(Mem)}).Inst);

  struct Case {
    w2n_table_type Table;
    w2n_limits Memory;
    bool OK;
  } Cases[] = {
      {tableType(3, 4), limits(1, 2), true},             // bigger is fine
      {tableType(2, 3), limits(2, 2), true},             // tighter max too
      {tableType(1, 4), limits(1, 2), false},            // too small
      {tableType(2, std::nullopt), limits(1, 2), false}, // no max
      {tableType(2, 5), limits(1, 2), false},            // max too large
      {tableType(2, 4, W2N_EXTERNREF), limits(1, 2), false},
      {tableType(2, 4), limits(1, std::nullopt), false},
      {tableType(2, 4), limits(1, 3), false},
      {tableType(2, 4), limits(0, 2), false},
  };
  for (const Case &C : Cases) {
    Table *CT = S.createTable(C.Table, nullptr, Err);
    Memory *CM = S.createMemory(C.Memory, Err);
    ASSERT_TRUE(CT && CM) << Err;
    InstantiateResult R =
        S.instantiate(Mod, {Extern::table(CT), Extern::memory(CM)});
    EXPECT_EQ(R.Inst != nullptr, C.OK) << R.Err.Message;
    if (!C.OK) {
      EXPECT_EQ(R.Err.K, Error::Unlinkable);
      EXPECT_EQ(R.Err.Message.rfind("incompatible import type", 0), 0u);
    }
  }

  // Growing a table makes its current size count.
  Table *Small = S.createTable(tableType(1, 4), nullptr, Err);
  EXPECT_FALSE(
      S.instantiate(Mod, {Extern::table(Small), Extern::memory(Mem)}).Inst);
  Small->grow(1, nullptr);
  EXPECT_TRUE(
      S.instantiate(Mod, {Extern::table(Small), Extern::memory(Mem)}).Inst);
}

TEST(InstantiateTest, GuardModuleRefusesAMemoryWithoutGuard) {
  DescBuilder B;
  B.importMemory("m", "mem", limits(1));
  auto Guarded = B.load();
  StoreConfig Config;
  Config.HostMemories.Guard = false;
  Store S(Config);
  std::string Err;
  Memory *Mem = S.createMemory(limits(1), Err);
  ASSERT_TRUE(Mem) << Err;
  InstantiateResult R = S.instantiate(Guarded, {Extern::memory(Mem)});
  EXPECT_EQ(R.Err.K, Error::Unlinkable);
  EXPECT_NE(R.Err.Message.find("guard"), std::string::npos);

  DescBuilder E;
  E.Flags = W2N_FLAG_EXPLICIT_BOUNDS;
  E.importMemory("m", "mem", limits(1));
  EXPECT_TRUE(S.instantiate(E.load(), {Extern::memory(Mem)}).Inst);
}

TEST(InstantiateTest, GlobalImportsNeedTypeAndMutability) {
  DescBuilder B;
  B.importGlobal("m", "g", W2N_I32, false);
  B.importGlobal("m", "h", W2N_F64, true);
  auto Mod = B.load();
  Store S;
  w2n_val V;
  std::memset(&V, 0, sizeof(V));
  Global *I32 = S.createGlobal({W2N_I32, 0}, V);
  Global *MutI32 = S.createGlobal({W2N_I32, 1}, V);
  Global *MutF64 = S.createGlobal({W2N_F64, 1}, V);
  Global *F64 = S.createGlobal({W2N_F64, 0}, V);
  EXPECT_TRUE(
      S.instantiate(Mod, {Extern::global(I32), Extern::global(MutF64)}).Inst);
  EXPECT_FALSE(
      S.instantiate(Mod, {Extern::global(MutI32), Extern::global(MutF64)})
          .Inst);
  EXPECT_FALSE(
      S.instantiate(Mod, {Extern::global(I32), Extern::global(F64)}).Inst);
  EXPECT_FALSE(
      S.instantiate(Mod, {Extern::global(MutF64), Extern::global(MutF64)})
          .Inst);
}

TEST(InstantiateTest, LinkerReportsUnknownImports) {
  DescBuilder B;
  B.importGlobal("spectest", "nope", W2N_I32, false);
  auto Mod = B.load();
  Store S;
  Linker L;
  InstantiateResult R = L.instantiate(S, Mod);
  EXPECT_EQ(R.Err.K, Error::Unlinkable);
  EXPECT_EQ(R.Err.Message, "unknown import: \"spectest\" \"nope\"");
  L.define("spectest", "nope",
           Extern::global(S.createGlobal({W2N_I32, 0}, {})));
  EXPECT_TRUE(L.instantiate(S, Mod).Inst);
}

TEST(InstantiateTest, FillsTheVmctxAndInitialisesGlobals) {
  DescBuilder B;
  B.importGlobal("m", "base", W2N_I32, false);
  B.global(W2N_I32, true, globalGet(0));
  B.global(W2N_I64, false, [] {
    w2n_const_expr C;
    std::memset(&C, 0xff, sizeof(C)); // garbage beyond the i64 is cleared
    C.kind = W2N_CONST_VALUE;
    C.type = W2N_I64;
    C.index = 0;
    C.value.i64 = 1234567890123;
    return C;
  }());
  B.Tables.push_back(tableType(3, std::nullopt));
  B.Memories.push_back(limits(1, 1));
  B.Exports = {{"g", W2N_EXTERN_GLOBAL, 1, 1},
               {"t", W2N_EXTERN_TABLE, 0, 1},
               {"m", W2N_EXTERN_MEMORY, 0, 1}};
  auto Mod = B.load();
  Store S;
  w2n_val V;
  std::memset(&V, 0, sizeof(V));
  V.i32 = 77;
  Global *Base = S.createGlobal({W2N_I32, 0}, V);
  InstantiateResult R = S.instantiate(Mod, {Extern::global(Base)});
  ASSERT_TRUE(R.Inst) << R.Err.Message;
  Instance &I = *R.Inst;
  const w2n_vmctx_layout &L = B.D.vmctx_layout;

  EXPECT_EQ(I.global(1)->Value.i32, 77u);
  EXPECT_EQ(I.global(2)->Value.i64, 1234567890123u);
  EXPECT_EQ(I.global(2)->Value.v128[15], 0);
  EXPECT_EQ(vmctxField<w2n_memory *>(I, W2N_VMCTX_MEMORY), I.memory()->abi());
  EXPECT_NE(vmctxField<void *>(I, W2N_VMCTX_STACK_LIMIT), nullptr);
  EXPECT_EQ(vmctxField<void *>(I, W2N_VMCTX_STACK_LIMIT), S.stackLimit());
  EXPECT_NE(vmctxField<const w2n_runtime_fns *>(I, W2N_VMCTX_RUNTIME), nullptr);
  EXPECT_EQ(vmctxField<Instance *>(I, W2N_VMCTX_INSTANCE), &I);
  EXPECT_EQ(vmctxField<w2n_val *>(I, L.globals_offset), &Base->Value);
  EXPECT_EQ(vmctxField<w2n_val *>(I, L.globals_offset + 8),
            &I.global(1)->Value);
  EXPECT_EQ(vmctxField<w2n_table *>(I, L.tables_offset), I.table(0)->abi());
  EXPECT_EQ(I.table(0)->size(), 3u);

  std::optional<Extern> G = I.getExport("g");
  ASSERT_TRUE(G);
  EXPECT_EQ(G->Kind, W2N_EXTERN_GLOBAL);
  EXPECT_EQ(G->G, I.global(1));
  EXPECT_EQ(I.getExport("t")->T, I.table(0));
  EXPECT_EQ(I.getExport("m")->M, I.memory());
  EXPECT_FALSE(I.getExport("nope"));
  EXPECT_EQ(I.exports().size(), 3u);
}

w2n_const_expr step(uint8_t Kind, uint8_t Type) {
  w2n_const_expr C;
  std::memset(&C, 0, sizeof(C));
  C.kind = Kind;
  C.type = Type;
  return C;
}

w2n_const_expr sequence(const std::vector<w2n_const_expr> &Steps,
                        uint8_t Type = W2N_I32) {
  w2n_const_expr C = step(W2N_CONST_SEQUENCE, Type);
  C.index = uint32_t(Steps.size());
  C.value.ref = const_cast<w2n_const_expr *>(Steps.data());
  return C;
}

// Extended constant expressions: the steps run on a stack, wrap, and
// read only the low half of an i32 operand; checkDescriptor refuses steps
// that would underflow the stack or leave a value of the wrong type.
TEST(InstantiateTest, ExtendedConstantExpressions) {
  std::vector<w2n_const_expr> Good = {
      globalGet(0), i32Const(3), step(W2N_CONST_MUL, W2N_I32),
      i32Const(0x7fffffff), step(W2N_CONST_SUB, W2N_I32)};
  DescBuilder B;
  B.importGlobal("m", "base", W2N_I32, false);
  B.global(W2N_I32, false, sequence(Good));
  auto Mod = B.load();
  Store S;
  w2n_val V;
  std::memset(&V, 0xee, sizeof(V)); // garbage above the i32
  V.i32 = 0x80000000u;
  InstantiateResult R =
      S.instantiate(Mod, {Extern::global(S.createGlobal({W2N_I32, 0}, V))});
  ASSERT_TRUE(R.Inst) << R.Err.Message;
  // 0x80000000 * 3 - 0x7fffffff, modulo 2^32.
  EXPECT_EQ(R.Inst->global(1)->Value.i32, 0x00000001u);
  EXPECT_EQ(R.Inst->global(1)->Value.v128[4], 0);

  auto Refused = [](std::vector<w2n_const_expr> Steps, uint8_t Type,
                    const char *Why) {
    DescBuilder B;
    B.importGlobal("m", "base", W2N_I32, false);
    B.global(Type, false, sequence(Steps, Type));
    std::string Err;
    EXPECT_FALSE(LoadedModule::fromDescriptor(B.build(), Err)) << Why;
    EXPECT_NE(Err.find("global 1"), std::string::npos) << Err;
  };
  Refused({i32Const(1), step(W2N_CONST_ADD, W2N_I32)}, W2N_I32, "underflow");
  Refused({i32Const(1), i32Const(2), step(W2N_CONST_ADD, W2N_I64)}, W2N_I64,
          "operand types");
  Refused({i32Const(1), i32Const(2)}, W2N_I32, "two values left");
  Refused({i32Const(1), i32Const(2), step(W2N_CONST_ADD, W2N_I32)}, W2N_I64,
          "result type");
  Refused({globalGet(1), i32Const(2), step(W2N_CONST_ADD, W2N_I32)}, W2N_I32,
          "global not yet defined");
  Refused({i32Const(1), step(W2N_CONST_REF_FUNC, W2N_FUNCREF)}, W2N_I32,
          "unknown step");
  Refused({}, W2N_I32, "empty");
}

TEST(InstantiateTest, MultipleMemories) {
  // Memory 0 imported, memories 1 and 2 defined (multi-memory): the vmctx
  // holds each in memories[] and memory 0 also in the header; data
  // segments land in their own memory; each memory is exported as itself.
  DescBuilder B;
  B.importMemory("m", "mem", limits(1));
  B.Memories.push_back(limits(1, 1));
  B.Memories.push_back(limits(2));
  B.data(W2N_SEGMENT_ACTIVE, i32Const(3), "zero", 0);
  B.data(W2N_SEGMENT_ACTIVE, i32Const(5), "one", 1);
  B.data(W2N_SEGMENT_ACTIVE, i32Const(65536 + 7), "two", 2);
  B.Exports = {{"m1", W2N_EXTERN_MEMORY, 1, 2},
               {"m2", W2N_EXTERN_MEMORY, 2, 2}};
  auto Mod = B.load();
  Store S;
  std::string Err;
  Memory *Mem = S.createMemory(limits(1), Err);
  ASSERT_TRUE(Mem) << Err;
  InstantiateResult R = S.instantiate(Mod, {Extern::memory(Mem)});
  ASSERT_TRUE(R.Inst) << R.Err.Message;
  Instance &I = *R.Inst;
  const w2n_vmctx_layout &L = B.D.vmctx_layout;
  EXPECT_EQ(I.memory(), Mem);
  EXPECT_EQ(I.memory(0), Mem);
  EXPECT_EQ(vmctxField<w2n_memory *>(I, W2N_VMCTX_MEMORY), Mem->abi());
  for (uint32_t K = 0; K < 3; ++K)
    EXPECT_EQ(vmctxField<w2n_memory *>(I, L.memories_offset + 8 * K),
              I.memory(K)->abi())
        << "memory " << K;
  EXPECT_NE(I.memory(1), I.memory(2));
  EXPECT_EQ(I.memory(1)->abi()->size_bytes, 65536u);
  EXPECT_EQ(I.memory(2)->abi()->size_bytes, 2 * 65536u);
  EXPECT_EQ(std::string(reinterpret_cast<char *>(Mem->data()) + 3, 4), "zero");
  EXPECT_EQ(std::string(reinterpret_cast<char *>(I.memory(1)->data()) + 5, 3),
            "one");
  EXPECT_EQ(
      std::string(reinterpret_cast<char *>(I.memory(2)->data()) + 65536 + 7, 3),
      "two");
  EXPECT_EQ(I.memory(1)->data()[3], 0); // memory 0's segment is not here
  EXPECT_EQ(I.getExport("m1")->M, I.memory(1));
  EXPECT_EQ(I.getExport("m2")->M, I.memory(2));

  // A segment past its own (smaller) memory traps even where another
  // memory would hold it.
  DescBuilder C;
  C.Memories.push_back(limits(2));
  C.Memories.push_back(limits(1));
  C.data(W2N_SEGMENT_ACTIVE, i32Const(65536), "x", 1);
  R = S.instantiate(C.load(), {});
  EXPECT_EQ(R.Inst, nullptr);
  EXPECT_EQ(R.Err.TrapInfo.Kind, W2N_TRAP_MEMORY_OUT_OF_BOUNDS);
}

TEST(InstantiateTest, SegmentTrapLeavesEarlierWrites) {
  // Two data segments into an imported memory; the second is out of
  // bounds. The first one's bytes stay (spec linking.wast).
  DescBuilder B;
  B.importMemory("m", "mem", limits(1));
  B.data(W2N_SEGMENT_ACTIVE, i32Const(0), "ab");
  B.data(W2N_SEGMENT_PASSIVE, i32Const(0), "zz");
  B.data(W2N_SEGMENT_ACTIVE, i32Const(65535), "cd");
  auto Mod = B.load();
  Store S;
  std::string Err;
  Memory *Mem = S.createMemory(limits(1), Err);
  ASSERT_TRUE(Mem) << Err;
  InstantiateResult R = S.instantiate(Mod, {Extern::memory(Mem)});
  EXPECT_EQ(R.Inst, nullptr);
  EXPECT_EQ(R.Err.K, Error::Uninstantiable);
  EXPECT_EQ(R.Err.Message, "out of bounds memory access");
  EXPECT_EQ(R.Err.TrapInfo.Kind, W2N_TRAP_MEMORY_OUT_OF_BOUNDS);
  EXPECT_EQ(Mem->data()[0], 'a');
  EXPECT_EQ(Mem->data()[1], 'b');
  EXPECT_EQ(Mem->data()[65535], 0);

  // A zero-length segment at the end is in bounds; one past it is not.
  DescBuilder E;
  E.importMemory("m", "mem", limits(1));
  E.data(W2N_SEGMENT_ACTIVE, i32Const(65536), "");
  EXPECT_TRUE(S.instantiate(E.load(), {Extern::memory(Mem)}).Inst);
  DescBuilder F;
  F.importMemory("m", "mem", limits(1));
  F.data(W2N_SEGMENT_ACTIVE, i32Const(65537), "");
  EXPECT_FALSE(S.instantiate(F.load(), {Extern::memory(Mem)}).Inst);
}

TEST(InstantiateTest, ElementSegmentsAndTheirTraps) {
  DescBuilder B;
  uint32_t T0 = B.type({}, {});
  B.importFunc("m", "f", T0);
  B.importTable("m", "t", tableType(3, std::nullopt));
  B.importGlobal("m", "off", W2N_I32, false);
  B.elem(W2N_SEGMENT_ACTIVE, 0, globalGet(0), {refFunc(0), refFunc(0)});
  B.elem(W2N_SEGMENT_DECLARATIVE, 0, i32Const(0), {refFunc(0)});
  B.elem(W2N_SEGMENT_ACTIVE, 0, i32Const(2), {refFunc(0), refFunc(0)});
  auto Mod = B.load();
  Store S;
  std::string Err;
  Func *F = S.createHostFunc(FuncType(), nop, nullptr);
  Table *T = S.createTable(tableType(3, std::nullopt), nullptr, Err);
  ASSERT_TRUE(T) << Err;
  w2n_val Off;
  std::memset(&Off, 0, sizeof(Off));
  Off.i32 = 1;
  Global *G = S.createGlobal({W2N_I32, 0}, Off);
  InstantiateResult R = S.instantiate(
      Mod, {Extern::func(F), Extern::table(T), Extern::global(G)});
  EXPECT_EQ(R.Err.K, Error::Uninstantiable);
  EXPECT_EQ(R.Err.Message, "out of bounds table access");
  EXPECT_EQ(T->elems()[0], nullptr);
  EXPECT_EQ(T->elems()[1], F->ref());
  EXPECT_EQ(T->elems()[2], F->ref());

  // With a bigger table everything fits.
  T->grow(1, nullptr);
  std::fill_n(T->abi()->elems, 4, nullptr);
  R = S.instantiate(Mod,
                    {Extern::func(F), Extern::table(T), Extern::global(G)});
  ASSERT_TRUE(R.Inst) << R.Err.Message;
  EXPECT_EQ(T->elems()[0], nullptr);
  EXPECT_EQ(T->elems()[3], F->ref());
}
