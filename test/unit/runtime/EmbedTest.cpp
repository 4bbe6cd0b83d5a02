//===- EmbedTest.cpp - The C embedding API and its C++ wrapper ------------===//
///
/// \file
/// wasm2native.h and wasm2native.hpp on FakeModule.c (see there for what
/// its functions do): loading, host functions with typed signatures and
/// access to the caller's memory, limits, typed calls, memory reads and
/// writes, and traps as values that leave the host and the instance
/// usable.
///
//===----------------------------------------------------------------------===//

#include "wasm2native/wasm2native.h"
#include "wasm2native/wasm2native.hpp"

#include "gtest/gtest.h"

#include <cstring>
#include <dlfcn.h>
#include <string>

namespace {

const uint8_t I32[] = {WASM2NATIVE_I32};

wasm2native_val i32(int32_t V) {
  wasm2native_val X;
  std::memset(&X, 0, sizeof(X));
  X.kind = WASM2NATIVE_I32;
  X.of.i32 = V;
  return X;
}

struct CallbackEnv {
  int Calls = 0;
  bool Trap = false;
  /// The byte at 8 of the caller's memory (42 after the start function).
  int SeenByte = -1;
};

/// env.callback: (i32) -> (i32), x -> x * 2.
wasm2native_error *callback(void *P, wasm2native_instance *Caller,
                            const wasm2native_val *Args,
                            wasm2native_val *Results) {
  auto *E = static_cast<CallbackEnv *>(P);
  ++E->Calls;
  if (E->Trap)
    return wasm2native_trap_new("callback refuses");
  uint8_t B = 0;
  if (!wasm2native_instance_memory_read(Caller, 8, &B, 1))
    E->SeenByte = B;
  Results[0].of.i32 = Args[0].of.i32 * 2;
  return nullptr;
}

class EmbedTest : public ::testing::Test {
protected:
  void SetUp() override {
    wasm2native_error *E = wasm2native_module_load(W2N_FAKE_MODULE_PATH, &Mod);
    ASSERT_EQ(E, nullptr) << wasm2native_error_message(E);
    L = wasm2native_linker_new();
    ASSERT_EQ(wasm2native_linker_define_func(L, "env", "callback", I32, 1, I32,
                                             1, callback, &Env, nullptr),
              nullptr);
    ASSERT_EQ(wasm2native_linker_define_global(L, "env", "g", i32(10), 0),
              nullptr);
  }
  void TearDown() override {
    wasm2native_linker_delete(L);
    wasm2native_module_delete(Mod);
  }

  wasm2native_instance *
  instantiate(const wasm2native_limits *Limits = nullptr) {
    wasm2native_instance *I = nullptr;
    wasm2native_error *E = wasm2native_instantiate(L, Mod, Limits, &I);
    EXPECT_EQ(E, nullptr) << (E ? wasm2native_error_message(E) : "");
    if (E)
      wasm2native_error_delete(E);
    return I;
  }

  /// Calls an (i32) -> (i32) export.
  wasm2native_error *call(wasm2native_instance *I, const char *Name,
                          int32_t Arg, int32_t &Result) {
    wasm2native_val A = i32(Arg), R;
    wasm2native_error *E = wasm2native_instance_call(I, Name, &A, 1, &R, 1);
    if (!E) {
      EXPECT_EQ(R.kind, WASM2NATIVE_I32);
      Result = R.of.i32;
    }
    return E;
  }

  wasm2native_module *Mod = nullptr;
  wasm2native_linker *L = nullptr;
  CallbackEnv Env;
};

} // namespace

TEST_F(EmbedTest, LoadFailureIsAnError) {
  wasm2native_module *M = nullptr;
  wasm2native_error *E = wasm2native_module_load("/nonexistent/x.so", &M);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(M, nullptr);
  EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_LOAD);
  EXPECT_NE(std::string(wasm2native_error_message(E)).find("x.so"),
            std::string::npos);
  wasm2native_error_delete(E);
}

TEST_F(EmbedTest, MissingImportIsALinkError) {
  wasm2native_linker *Empty = wasm2native_linker_new();
  wasm2native_instance *I = nullptr;
  wasm2native_error *E = wasm2native_instantiate(Empty, Mod, nullptr, &I);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(I, nullptr);
  EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_LINK);
  EXPECT_NE(std::string(wasm2native_error_message(E)).find("callback"),
            std::string::npos);
  wasm2native_error_delete(E);
  wasm2native_linker_delete(Empty);
}

TEST_F(EmbedTest, HostFunctionsGetTypedArgumentsAndTheCaller) {
  wasm2native_instance *I = instantiate();
  ASSERT_TRUE(I);
  int32_t R = 0;
  ASSERT_EQ(call(I, "call_import", 21, R), nullptr);
  EXPECT_EQ(R, 42);
  EXPECT_EQ(Env.Calls, 1);
  EXPECT_EQ(Env.SeenByte, 42); // read from the caller's memory
  wasm2native_instance_delete(I);
}

TEST_F(EmbedTest, MemoryReadWriteIsBoundsChecked) {
  wasm2native_instance *I = instantiate();
  ASSERT_TRUE(I);
  size_t Size = 0;
  uint8_t *Base = wasm2native_instance_memory(I, &Size);
  ASSERT_NE(Base, nullptr);
  EXPECT_EQ(Size, 65536u);
  char Hi[4] = {0};
  ASSERT_EQ(wasm2native_instance_memory_read(I, 0, Hi, 3), nullptr);
  EXPECT_STREQ(Hi, "hi!"); // the data segment
  uint32_t V = 0x12345678;
  ASSERT_EQ(wasm2native_instance_memory_write(I, 100, &V, 4), nullptr);
  int32_t R = 0;
  ASSERT_EQ(call(I, "load", 100, R), nullptr);
  EXPECT_EQ(uint32_t(R), V);

  for (uint64_t Off :
       {uint64_t(65533), uint64_t(65536), uint64_t(1) << 40, ~uint64_t(0)}) {
    wasm2native_error *E = wasm2native_instance_memory_read(I, Off, &V, 4);
    ASSERT_NE(E, nullptr) << Off;
    EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_USAGE);
    wasm2native_error_delete(E);
    E = wasm2native_instance_memory_write(I, Off, &V, 4);
    ASSERT_NE(E, nullptr) << Off;
    wasm2native_error_delete(E);
  }
  wasm2native_instance_delete(I);
}

TEST_F(EmbedTest, TrapsAreValuesAndTheInstanceStaysUsable) {
  wasm2native_instance *I = instantiate();
  ASSERT_TRUE(I);
  int32_t R = 0;
  wasm2native_error *E = call(I, "trap", WASM2NATIVE_TRAP_INT_DIV_BY_ZERO, R);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_TRAP);
  EXPECT_EQ(wasm2native_error_trap_code(E), WASM2NATIVE_TRAP_INT_DIV_BY_ZERO);
  EXPECT_STREQ(wasm2native_error_function(E), "trap");
  EXPECT_EQ(wasm2native_error_exit_code(E), -1);
  wasm2native_error_delete(E);

  // A fault in the guard region is a trap too.
  E = call(I, "load", int32_t(0xfffffff0), R);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_trap_code(E),
            WASM2NATIVE_TRAP_MEMORY_OUT_OF_BOUNDS);
  wasm2native_error_delete(E);

  ASSERT_EQ(call(I, "load", 8, R), nullptr);
  EXPECT_EQ(R, 42);
  wasm2native_instance_delete(I);
}

TEST_F(EmbedTest, HostFunctionErrorTrapsTheGuest) {
  wasm2native_instance *I = instantiate();
  ASSERT_TRUE(I);
  Env.Trap = true;
  int32_t R = 0;
  wasm2native_error *E = call(I, "call_import", 1, R);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_trap_code(E), WASM2NATIVE_TRAP_HOST);
  EXPECT_NE(std::string(wasm2native_error_message(E)).find("callback refuses"),
            std::string::npos);
  wasm2native_error_delete(E);
  Env.Trap = false;
  ASSERT_EQ(call(I, "call_import", 1, R), nullptr);
  EXPECT_EQ(R, 2);
  wasm2native_instance_delete(I);
}

TEST_F(EmbedTest, BadCallsAreUsageErrors) {
  wasm2native_instance *I = instantiate();
  ASSERT_TRUE(I);
  wasm2native_val A[2] = {i32(1), i32(2)}, R;
  wasm2native_error *E = wasm2native_instance_call(I, "nope", A, 1, &R, 1);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_USAGE);
  wasm2native_error_delete(E);
  E = wasm2native_instance_call(I, "load", A, 2, &R, 1); // arity
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_USAGE);
  wasm2native_error_delete(E);
  A[0].kind = WASM2NATIVE_I64; // type
  E = wasm2native_instance_call(I, "load", A, 1, &R, 1);
  ASSERT_NE(E, nullptr);
  EXPECT_NE(std::string(wasm2native_error_message(E)).find("must be i32"),
            std::string::npos);
  wasm2native_error_delete(E);

  uint8_t P[4], Res[4];
  size_t NP = 4, NR = 4;
  ASSERT_EQ(wasm2native_instance_func_type(I, "load", P, &NP, Res, &NR), 0);
  EXPECT_EQ(NP, 1u);
  EXPECT_EQ(NR, 1u);
  EXPECT_EQ(P[0], WASM2NATIVE_I32);
  EXPECT_EQ(wasm2native_instance_func_type(I, "nope", P, &NP, Res, &NR), -1);
  wasm2native_instance_delete(I);
}

TEST_F(EmbedTest, MemoryPageLimit) {
  wasm2native_limits Lim;
  wasm2native_limits_init(&Lim);
  EXPECT_EQ(Lim.max_memory_pages, 65536u);
  Lim.max_memory_pages = 2; // the module declares 1..4
  wasm2native_instance *I = instantiate(&Lim);
  ASSERT_TRUE(I);
  int32_t R = 0;
  ASSERT_EQ(call(I, "grow", 1, R), nullptr);
  EXPECT_EQ(R, 1); // old size
  ASSERT_EQ(call(I, "grow", 1, R), nullptr);
  EXPECT_EQ(R, -1); // past the limit
  size_t Size;
  wasm2native_instance_memory(I, &Size);
  EXPECT_EQ(Size, 2u * 65536);
  wasm2native_instance_delete(I);

  Lim.max_memory_pages = 0; // below the module's minimum
  wasm2native_error *E = wasm2native_instantiate(L, Mod, &Lim, &I);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_RESOURCE);
  wasm2native_error_delete(E);
}

TEST_F(EmbedTest, TableElementLimit) {
  wasm2native_limits Lim;
  wasm2native_limits_init(&Lim);
  Lim.max_table_elements = 3; // the module's table starts with 4
  wasm2native_instance *I = nullptr;
  wasm2native_error *E = wasm2native_instantiate(L, Mod, &Lim, &I);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_RESOURCE);
  EXPECT_NE(std::string(wasm2native_error_message(E)).find("table"),
            std::string::npos);
  wasm2native_error_delete(E);
  Lim.max_table_elements = 4;
  I = instantiate(&Lim);
  EXPECT_TRUE(I);
  wasm2native_instance_delete(I);
}

TEST_F(EmbedTest, StackLimit) {
  wasm2native_limits Lim;
  wasm2native_limits_init(&Lim);
  Lim.max_stack_bytes = 64 * 1024;
  wasm2native_instance *I = instantiate(&Lim);
  ASSERT_TRUE(I);
  int32_t R = 0;
  wasm2native_error *E = call(I, "recurse", 0, R);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_trap_code(E),
            WASM2NATIVE_TRAP_CALL_STACK_EXHAUSTED);
  wasm2native_error_delete(E);
  wasm2native_instance_delete(I);
}

TEST_F(EmbedTest, InstancesShareNothing) {
  wasm2native_instance *A = instantiate(), *B = instantiate();
  ASSERT_TRUE(A && B);
  uint32_t V = 7;
  ASSERT_EQ(wasm2native_instance_memory_write(A, 8, &V, 1), nullptr);
  int32_t RA = 0, RB = 0;
  ASSERT_EQ(call(A, "load", 8, RA), nullptr);
  ASSERT_EQ(call(B, "load", 8, RB), nullptr);
  EXPECT_EQ(RA & 0xff, 7);
  EXPECT_EQ(RB & 0xff, 42);
  EXPECT_NE(wasm2native_instance_memory(A, nullptr),
            wasm2native_instance_memory(B, nullptr));
  wasm2native_instance_delete(A);
  wasm2native_instance_delete(B);
  // Many short-lived instances, as a plugin host makes them.
  for (int K = 0; K < 200; ++K) {
    wasm2native_instance *I = instantiate();
    ASSERT_TRUE(I);
    ASSERT_EQ(call(I, "call_import", K, RA), nullptr);
    EXPECT_EQ(RA, 2 * K);
    wasm2native_instance_delete(I);
  }
}

TEST_F(EmbedTest, FinalizerRunsWhenTheLastUserIsGone) {
  static int Finalized;
  Finalized = 0;
  wasm2native_linker *L2 = wasm2native_linker_new();
  ASSERT_EQ(wasm2native_linker_define_func(L2, "env", "callback", I32, 1, I32,
                                           1, callback, &Env,
                                           [](void *) { ++Finalized; }),
            nullptr);
  wasm2native_linker_define_global(L2, "env", "g", i32(0), 0);
  wasm2native_instance *I = nullptr;
  ASSERT_EQ(wasm2native_instantiate(L2, Mod, nullptr, &I), nullptr);
  wasm2native_linker_delete(L2);
  EXPECT_EQ(Finalized, 0); // the instance still uses it
  int32_t R = 0;
  ASSERT_EQ(call(I, "call_import", 4, R), nullptr);
  EXPECT_EQ(R, 8);
  wasm2native_instance_delete(I);
  EXPECT_EQ(Finalized, 1);
}

TEST_F(EmbedTest, UnsupportedValueKindIsRefused) {
  const uint8_t V128[] = {0x7b};
  wasm2native_error *E = wasm2native_linker_define_func(
      L, "env", "v", V128, 1, nullptr, 0, callback, nullptr, nullptr);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_USAGE);
  wasm2native_error_delete(E);
}

// ---- The C++ wrapper ------------------------------------------------------

TEST(EmbedCxxTest, TypedHostFunctionsAndCalls) {
  using namespace wasm2native;
  Result<Module> M = Module::load(W2N_FAKE_MODULE_PATH);
  ASSERT_TRUE(M) << M.error().message();
  int Seen = -1;
  Linker L;
  ASSERT_FALSE(L.func("env", "callback", [&Seen](Caller &C, int32_t X) {
    uint8_t B = 0;
    if (C.read(8, &B, 1))
      C.trap("cannot read");
    Seen = B;
    if (X == 13)
      C.trap("unlucky");
    return X + 1;
  }));
  ASSERT_FALSE(L.global("env", "g", int32_t(3)));
  Result<Instance> I = L.instantiate(*M);
  ASSERT_TRUE(I) << I.error().message();

  Result<int32_t> R = I->call<int32_t>("call_import", int32_t(41));
  ASSERT_TRUE(R) << R.error().message();
  EXPECT_EQ(*R, 42);
  EXPECT_EQ(Seen, 42);

  R = I->call<int32_t>("call_import", int32_t(13));
  ASSERT_FALSE(R);
  EXPECT_TRUE(R.error().isTrap());
  EXPECT_EQ(R.error().trapCode(), uint32_t(WASM2NATIVE_TRAP_HOST));
  EXPECT_STREQ(R.error().message(), "unlucky");

  R = I->call<int32_t>("trap", int32_t(WASM2NATIVE_TRAP_UNREACHABLE));
  ASSERT_FALSE(R);
  EXPECT_EQ(R.error().trapCode(), uint32_t(WASM2NATIVE_TRAP_UNREACHABLE));
  EXPECT_STREQ(R.error().function(), "trap");

  uint32_t V = 0xabcd;
  ASSERT_FALSE(I->write(200, &V, 4));
  Result<uint32_t> U = I->call<uint32_t>("load", uint32_t(200));
  ASSERT_TRUE(U);
  EXPECT_EQ(*U, 0xabcdu);
  EXPECT_TRUE(I->read(I->memorySize(), &V, 1)); // out of bounds
  Result<void> Bad = I->call<void>("load", uint32_t(0));
  EXPECT_FALSE(Bad); // wrong result count: a usage error
  EXPECT_EQ(Bad.error().kind(), WASM2NATIVE_ERROR_USAGE);

  wasm2native_limits Lim = defaultLimits();
  Lim.max_memory_pages = 0;
  Result<Instance> Small = L.instantiate(*M, &Lim);
  ASSERT_FALSE(Small);
  EXPECT_EQ(Small.error().kind(), WASM2NATIVE_ERROR_RESOURCE);
}

TEST_F(EmbedTest, WasiConfigurationErrorsAreReported) {
  wasm2native_linker_enable_wasi(L);
  wasm2native_instance *I = instantiate();
  ASSERT_TRUE(I); // WASI is offered; the module need not import it
  int Status = 0;
  EXPECT_EQ(wasm2native_instance_wasi_exited(I, &Status), 0);
  wasm2native_instance_delete(I);

  wasm2native_linker_wasi_preopen(L, "/nonexistent/dir", "/d", 1);
  wasm2native_error *E = wasm2native_instantiate(L, Mod, nullptr, &I);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_RESOURCE);
  EXPECT_NE(std::string(wasm2native_error_message(E)).find("/nonexistent/dir"),
            std::string::npos);
  wasm2native_error_delete(E);
}

// ---- Typed calls: what `wasm2native header` builds on ----------------------

namespace {
/// The arguments of one native call of FakeModule's (i32) -> (i32)
/// functions, as a generated header passes them.
struct NativeCall {
  const wasm2native_native_func *Fn;
  uint32_t Arg;
  uint32_t Result;
};

void runNative(void *P) {
  auto *C = static_cast<NativeCall *>(P);
  using Code = uint32_t (*)(void *, uint32_t);
  C->Result = reinterpret_cast<Code>(C->Fn->code)(C->Fn->vmctx, C->Arg);
}
} // namespace

TEST_F(EmbedTest, NativeCallsReachTheCodeAndReturnTraps) {
  wasm2native_instance *I = instantiate();
  ASSERT_TRUE(I);
  wasm2native_native_func Load, Trap, CallImport;
  ASSERT_EQ(wasm2native_instance_native_func(I, "load", I32, 1, I32, 1, &Load),
            nullptr);
  ASSERT_EQ(wasm2native_instance_native_func(I, "trap", I32, 1, I32, 1, &Trap),
            nullptr);
  ASSERT_EQ(wasm2native_instance_native_func(I, "call_import", I32, 1, I32, 1,
                                             &CallImport),
            nullptr);
  ASSERT_NE(Load.code, nullptr);

  NativeCall C = {&Load, 8, 0};
  ASSERT_EQ(wasm2native_instance_call_native(I, runNative, &C), nullptr);
  EXPECT_EQ(C.Result, 42u);
  // A trap the code raises, a fault in the guard region and a host
  // function's error all come back as errors, and the instance goes on.
  C = {&Trap, WASM2NATIVE_TRAP_INT_OVERFLOW, 0};
  wasm2native_error *E = wasm2native_instance_call_native(I, runNative, &C);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_trap_code(E), WASM2NATIVE_TRAP_INT_OVERFLOW);
  EXPECT_STREQ(wasm2native_error_function(E), "trap");
  wasm2native_error_delete(E);
  C = {&Load, 0xfffffff0u, 0};
  E = wasm2native_instance_call_native(I, runNative, &C);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_trap_code(E),
            WASM2NATIVE_TRAP_MEMORY_OUT_OF_BOUNDS);
  wasm2native_error_delete(E);
  Env.Trap = true;
  C = {&CallImport, 1, 0};
  E = wasm2native_instance_call_native(I, runNative, &C);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_trap_code(E), WASM2NATIVE_TRAP_HOST);
  wasm2native_error_delete(E);
  Env.Trap = false;
  C = {&CallImport, 21, 0};
  ASSERT_EQ(wasm2native_instance_call_native(I, runNative, &C), nullptr);
  EXPECT_EQ(C.Result, 42u);
  wasm2native_instance_delete(I);
}

TEST_F(EmbedTest, NativeFuncChecksNameAndType) {
  wasm2native_instance *I = instantiate();
  ASSERT_TRUE(I);
  const uint8_t I64[] = {WASM2NATIVE_I64};
  wasm2native_native_func F;
  wasm2native_error *E =
      wasm2native_instance_native_func(I, "load", I64, 1, I32, 1, &F);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_USAGE);
  EXPECT_STREQ(wasm2native_error_message(E),
               "'load' has type (i32) -> (i32), expected (i64) -> (i32)");
  wasm2native_error_delete(E);
  E = wasm2native_instance_native_func(I, "mem", nullptr, 0, nullptr, 0, &F);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_USAGE);
  wasm2native_error_delete(E);
  EXPECT_EQ(F.code, nullptr);
  wasm2native_instance_delete(I);
}

// A module linked into the program must have all its functions inside the
// code range it names, which becomes the range whose faults are traps.
TEST_F(EmbedTest, LinkedModuleCodeRangeIsChecked) {
  void *H = dlopen(W2N_FAKE_MODULE_PATH, RTLD_NOW | RTLD_LOCAL);
  ASSERT_TRUE(H);
  const void *Desc = dlsym(H, "wasm2native_module_descriptor");
  ASSERT_TRUE(Desc);
  const char *Byte = static_cast<const char *>(Desc);
  wasm2native_module *M = nullptr;
  wasm2native_error *E =
      wasm2native_module_from_linked(Desc, Byte, Byte + 1, &M);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_LOAD);
  EXPECT_NE(std::string(wasm2native_error_message(E)).find("is outside"),
            std::string::npos);
  wasm2native_error_delete(E);
  E = wasm2native_module_from_linked(Desc, Byte, Byte, &M);
  ASSERT_NE(E, nullptr);
  wasm2native_error_delete(E);
  E = wasm2native_module_from_linked(nullptr, nullptr, nullptr, &M);
  ASSERT_NE(E, nullptr);
  wasm2native_error_delete(E);
  EXPECT_EQ(M, nullptr);
  dlclose(H);
}
