//===- SignalChainTest.cpp - The runtime's handlers chain to the host's ---===//
///
/// \file
/// The runtime's signal handlers must not take over faults that are not
/// wasm traps: a handler the host installed before the runtime still runs
/// for its own faults, and the default action still kills the process.
/// Each case runs in a fresh process (threadsafe death tests re-execute the
/// binary), so that the host handler is installed before the runtime's.
///
//===----------------------------------------------------------------------===//

#include "wasm2native/runtime.h"

#include "gtest/gtest.h"

#include <csetjmp>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

using namespace w2n::rt;

namespace {

volatile sig_atomic_t InfoHandlerRuns = 0;
volatile sig_atomic_t PlainHandlerRuns = 0;
sigjmp_buf HostJmp;

void hostInfoHandler(int, siginfo_t *, void *) {
  ++InfoHandlerRuns;
  siglongjmp(HostJmp, 1);
}

void hostPlainHandler(int) {
  ++PlainHandlerRuns;
  siglongjmp(HostJmp, 1);
}

volatile uint8_t *inaccessiblePage() {
  void *P = mmap(nullptr, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (P == MAP_FAILED)
    std::_Exit(10);
  return static_cast<volatile uint8_t *>(P);
}

void installHostHandlers() {
  struct sigaction A;
  std::memset(&A, 0, sizeof(A));
  A.sa_sigaction = hostInfoHandler;
  A.sa_flags = SA_SIGINFO;
  sigemptyset(&A.sa_mask);
  sigaction(SIGSEGV, &A, nullptr);
  struct sigaction B;
  std::memset(&B, 0, sizeof(B));
  B.sa_handler = hostPlainHandler;
  sigemptyset(&B.sa_mask);
  sigaction(SIGBUS, &B, nullptr);
}

/// Returns an exit code: 0 when the host handlers saw exactly their faults.
int hostFaultsReachHostHandlers() {
  installHostHandlers();
  installSignalHandlers();
  struct sigaction Cur;
  sigaction(SIGSEGV, nullptr, &Cur);
  if (Cur.sa_sigaction == hostInfoHandler)
    return 1; // the runtime's handler is not installed

  if (sigsetjmp(HostJmp, 1) == 0)
    raise(SIGSEGV);
  if (InfoHandlerRuns != 1)
    return 2;
  volatile uint8_t *Page = inaccessiblePage();
  if (sigsetjmp(HostJmp, 1) == 0)
    (void)*Page; // a real fault, outside wasm
  if (InfoHandlerRuns != 2)
    return 3;
  if (sigsetjmp(HostJmp, 1) == 0)
    raise(SIGBUS);
  if (PlainHandlerRuns != 1)
    return 4;
  return 0;
}

/// A fault in wasm is a trap and never reaches the host's handler; a fault
/// in the host afterwards still does.
int wasmFaultsStayInTheRuntime() {
  installHostHandlers();
  std::string Err;
  auto Mod = LoadedModule::load(W2N_FAKE_MODULE_PATH, Err);
  if (!Mod)
    return 1;
  Store S;
  Linker L;
  L.define(
      "env", "callback",
      Extern::func(S.createHostFunc(
          FuncType({W2N_I32}, {W2N_I32}), [](void *, w2n_val *) {}, nullptr)));
  L.define("env", "g", Extern::global(S.createGlobal({W2N_I32, 0}, {})));
  InstantiateResult R = L.instantiate(S, Mod);
  if (!R.Inst)
    return 2;
  w2n_val A, Res;
  std::memset(&A, 0, sizeof(A));
  A.i32 = 0x80000000;
  Trap T = S.call(R.Inst->exportedFunc("load"), &A, 1, &Res, 1);
  if (T.Kind != W2N_TRAP_MEMORY_OUT_OF_BOUNDS || InfoHandlerRuns != 0)
    return 3;
  volatile uint8_t *Page = inaccessiblePage();
  if (sigsetjmp(HostJmp, 1) == 0)
    (void)*Page;
  if (InfoHandlerRuns != 1)
    return 4;
  return 0;
}

[[noreturn]] void faultWithDefaultAction() {
  installSignalHandlers();
  volatile uint8_t *Page = inaccessiblePage();
  (void)*Page;
  std::_Exit(0); // not reached: the default action kills the process
}

[[noreturn]] void raiseIgnoredSignal() {
  signal(SIGSEGV, SIG_IGN);
  installSignalHandlers();
  raise(SIGSEGV); // sent, not a fault: ignored as the host asked
  std::_Exit(0);
}

class SignalChainDeathTest : public ::testing::Test {
protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

} // namespace

TEST_F(SignalChainDeathTest, HostHandlersStillSeeTheirFaults) {
  EXPECT_EXIT(std::_Exit(hostFaultsReachHostHandlers()),
              ::testing::ExitedWithCode(0), "");
}

TEST_F(SignalChainDeathTest, WasmFaultsDoNotReachTheHostHandler) {
  EXPECT_EXIT(std::_Exit(wasmFaultsStayInTheRuntime()),
              ::testing::ExitedWithCode(0), "");
}

TEST_F(SignalChainDeathTest, DefaultActionStillKills) {
  EXPECT_EXIT(faultWithDefaultAction(), ::testing::KilledBySignal(SIGSEGV), "");
}

TEST_F(SignalChainDeathTest, IgnoredSentSignalStaysIgnored) {
  EXPECT_EXIT(raiseIgnoredSignal(), ::testing::ExitedWithCode(0), "");
}
