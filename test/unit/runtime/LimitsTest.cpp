//===- LimitsTest.cpp - Fuel, epochs and instance caps (embedding API) ----===//
///
/// \file
/// Resource limits through wasm2native.h and wasm2native.hpp, on
/// LimitsModule.wat compiled by the build (limits-O0.so and limits-O2.so
/// with `--fuel --epoch`, limits-plain.so without): an infinite loop is
/// stopped by fuel and by an epoch deadline and the host carries on (a
/// fresh instance, and the same one with a new budget, work); fuel is
/// deterministic across runs and across -O0/-O2; modules without the
/// instrumentation refuse budgets; the process-wide instance cap.
///
//===----------------------------------------------------------------------===//

#include "wasm2native/wasm2native.h"
#include "wasm2native/wasm2native.hpp"

#include "gtest/gtest.h"

#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

namespace {

std::string modulePath(const char *Variant) {
  return std::string(W2N_LIMITS_MODULE_DIR) + "/limits-" + Variant + ".so";
}

wasm2native_val i32(int32_t V) {
  wasm2native_val X;
  std::memset(&X, 0, sizeof(X));
  X.kind = WASM2NATIVE_I32;
  X.of.i32 = V;
  return X;
}

class LimitsTest : public ::testing::TestWithParam<const char *> {
protected:
  void SetUp() override {
    wasm2native_error *E =
        wasm2native_module_load(modulePath(GetParam()).c_str(), &Mod);
    ASSERT_EQ(E, nullptr) << wasm2native_error_message(E);
    L = wasm2native_linker_new();
  }
  void TearDown() override {
    wasm2native_linker_delete(L);
    wasm2native_module_delete(Mod);
  }

  wasm2native_instance *instantiate(int64_t Fuel = INT64_MAX) {
    wasm2native_limits Lim;
    wasm2native_limits_init(&Lim);
    Lim.fuel = Fuel;
    wasm2native_instance *I = nullptr;
    wasm2native_error *E = wasm2native_instantiate(L, Mod, &Lim, &I);
    EXPECT_EQ(E, nullptr) << (E ? wasm2native_error_message(E) : "");
    if (E)
      wasm2native_error_delete(E);
    return I;
  }

  /// Calls spin; returns its trap code (0 if it did not trap).
  uint32_t spin(wasm2native_instance *I, std::string *Message = nullptr) {
    wasm2native_error *E =
        wasm2native_instance_call(I, "spin", nullptr, 0, nullptr, 0);
    if (!E)
      return 0;
    uint32_t Code = wasm2native_error_trap_code(E);
    if (Message)
      *Message = wasm2native_error_message(E);
    wasm2native_error_delete(E);
    return Code;
  }

  /// sum(N), or -1 if the call failed.
  int32_t sum(wasm2native_instance *I, int32_t N) {
    wasm2native_val Arg = i32(N), Result;
    wasm2native_error *E =
        wasm2native_instance_call(I, "sum", &Arg, 1, &Result, 1);
    if (E) {
      wasm2native_error_delete(E);
      return -1;
    }
    return Result.of.i32;
  }

  int64_t fuel(wasm2native_instance *I) {
    int64_t F = 0;
    wasm2native_error *E = wasm2native_instance_get_fuel(I, &F);
    EXPECT_EQ(E, nullptr);
    if (E)
      wasm2native_error_delete(E);
    return F;
  }

  wasm2native_module *Mod = nullptr;
  wasm2native_linker *L = nullptr;
};

TEST_P(LimitsTest, FuelStopsAnInfiniteLoop) {
  wasm2native_instance *I = instantiate(100000);
  ASSERT_NE(I, nullptr);
  std::string Msg;
  EXPECT_EQ(spin(I, &Msg), uint32_t(WASM2NATIVE_TRAP_OUT_OF_FUEL));
  EXPECT_NE(Msg.find("all fuel consumed"), std::string::npos) << Msg;
  EXPECT_LT(fuel(I), 0);
  // Out of fuel, the instance still traps rather than runs.
  EXPECT_EQ(sum(I, 10), -1);
  // With a new budget it works again.
  EXPECT_EQ(wasm2native_instance_set_fuel(I, 1000000), nullptr);
  EXPECT_EQ(sum(I, 100), 4950);
  wasm2native_instance_delete(I);

  // And so does a fresh instance.
  wasm2native_instance *Fresh = instantiate(1000000);
  ASSERT_NE(Fresh, nullptr);
  EXPECT_EQ(sum(Fresh, 100), 4950);
  EXPECT_GT(fuel(Fresh), 0);
  EXPECT_LT(fuel(Fresh), 1000000);
  wasm2native_instance_delete(Fresh);
}

TEST_P(LimitsTest, SetAddGetFuel) {
  wasm2native_instance *I = instantiate();
  ASSERT_NE(I, nullptr);
  EXPECT_EQ(fuel(I), INT64_MAX);
  EXPECT_EQ(wasm2native_instance_set_fuel(I, 1000), nullptr);
  EXPECT_EQ(wasm2native_instance_add_fuel(I, 500), nullptr);
  EXPECT_EQ(fuel(I), 1500);
  EXPECT_EQ(sum(I, 3), 3);
  int64_t Left = fuel(I);
  EXPECT_LT(Left, 1500);
  EXPECT_GT(Left, 0);
  // Adding saturates.
  EXPECT_EQ(wasm2native_instance_add_fuel(I, INT64_MAX), nullptr);
  EXPECT_EQ(fuel(I), INT64_MAX);
  wasm2native_instance_delete(I);
}

TEST_P(LimitsTest, EpochStopsAnInfiniteLoop) {
  wasm2native_instance *I = instantiate();
  ASSERT_NE(I, nullptr);
  EXPECT_EQ(wasm2native_instance_set_epoch_deadline(I, 1), nullptr);
  std::thread Timer([I] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    wasm2native_instance_increment_epoch(I);
  });
  std::string Msg;
  EXPECT_EQ(spin(I, &Msg), uint32_t(WASM2NATIVE_TRAP_INTERRUPTED));
  Timer.join();
  EXPECT_NE(Msg.find("interrupted"), std::string::npos) << Msg;
  // Past the deadline every call is interrupted, until it is moved.
  EXPECT_EQ(sum(I, 10), -1);
  EXPECT_EQ(wasm2native_instance_set_epoch_deadline(I, 1), nullptr);
  EXPECT_EQ(sum(I, 100), 4950);
  wasm2native_instance_delete(I);

  wasm2native_instance *Fresh = instantiate();
  ASSERT_NE(Fresh, nullptr);
  EXPECT_EQ(sum(Fresh, 100), 4950);
  wasm2native_instance_delete(Fresh);
}

struct EpochEnv {
  int Calls = 0;
};

uint64_t extendTwice(void *P, wasm2native_instance *I) {
  auto *E = static_cast<EpochEnv *>(P);
  (void)I;
  // Twice: allow one more epoch (the ticker reaches it, and the loop comes
  // back here); then trap.
  return ++E->Calls < 3 ? 1 : 0;
}

TEST_P(LimitsTest, EpochCallbackExtendsTheDeadline) {
  wasm2native_instance *I = instantiate();
  ASSERT_NE(I, nullptr);
  EpochEnv Env;
  wasm2native_instance_set_epoch_callback(I, extendTwice, &Env);
  EXPECT_EQ(wasm2native_instance_set_epoch_deadline(I, 1), nullptr);
  std::atomic<bool> Done{false};
  std::thread Ticker([&] {
    while (!Done) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      wasm2native_instance_increment_epoch(I);
    }
  });
  EXPECT_EQ(spin(I), uint32_t(WASM2NATIVE_TRAP_INTERRUPTED));
  Done = true;
  Ticker.join();
  EXPECT_EQ(Env.Calls, 3);
  wasm2native_instance_set_epoch_callback(I, nullptr, nullptr);
  EXPECT_EQ(wasm2native_instance_set_epoch_deadline(I, 1), nullptr);
  EXPECT_EQ(sum(I, 4), 6);
  wasm2native_instance_delete(I);
}

TEST_P(LimitsTest, CppWrapper) {
  wasm2native::Result<wasm2native::Module> M =
      wasm2native::Module::load(modulePath(GetParam()));
  ASSERT_TRUE(M) << M.error().message();
  wasm2native::Linker Lk;
  wasm2native::Result<wasm2native::Instance> I = Lk.instantiate(*M);
  ASSERT_TRUE(I) << I.error().message();
  EXPECT_FALSE(I->setFuel(5000));
  EXPECT_FALSE(I->addFuel(5000));
  EXPECT_EQ(I->fuel(), 10000);
  wasm2native::Result<void> R = I->call("spin");
  ASSERT_FALSE(R);
  EXPECT_EQ(R.error().trapCode(), uint32_t(WASM2NATIVE_TRAP_OUT_OF_FUEL));
  EXPECT_FALSE(I->setFuel(INT64_MAX));
  EXPECT_FALSE(I->setEpochDeadline(1));
  std::thread Timer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    I->incrementEpoch();
  });
  R = I->call("spin");
  Timer.join();
  ASSERT_FALSE(R);
  EXPECT_EQ(R.error().trapCode(), uint32_t(WASM2NATIVE_TRAP_INTERRUPTED));
}

INSTANTIATE_TEST_SUITE_P(OptLevels, LimitsTest, ::testing::Values("O0", "O2"));

/// One instance of limits-VARIANT.so with a fuel budget, and what it was
/// made from; I is null (and a failure recorded) when loading failed.
struct FuelInstance {
  wasm2native_module *M = nullptr;
  wasm2native_linker *L = nullptr;
  wasm2native_instance *I = nullptr;

  FuelInstance(const char *Variant, int64_t Fuel) {
    wasm2native_error *E =
        wasm2native_module_load(modulePath(Variant).c_str(), &M);
    EXPECT_EQ(E, nullptr);
    if (E) {
      wasm2native_error_delete(E);
      return;
    }
    L = wasm2native_linker_new();
    wasm2native_limits Lim;
    wasm2native_limits_init(&Lim);
    Lim.fuel = Fuel;
    EXPECT_EQ(wasm2native_instantiate(L, M, &Lim, &I), nullptr);
  }
  ~FuelInstance() {
    if (I)
      wasm2native_instance_delete(I);
    if (L)
      wasm2native_linker_delete(L);
    if (M)
      wasm2native_module_delete(M);
  }
  int64_t fuel() const {
    int64_t F = 0;
    EXPECT_EQ(wasm2native_instance_get_fuel(I, &F), nullptr);
    return F;
  }
};

/// The fuel left when spin traps from a budget, and after sum(1000).
std::pair<int64_t, int64_t> fuelProfile(const char *Variant) {
  FuelInstance F(Variant, 123457);
  if (!F.I)
    return {0, 0};
  std::pair<int64_t, int64_t> P;
  wasm2native_error *E =
      wasm2native_instance_call(F.I, "spin", nullptr, 0, nullptr, 0);
  EXPECT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_trap_code(E),
            uint32_t(WASM2NATIVE_TRAP_OUT_OF_FUEL));
  wasm2native_error_delete(E);
  P.first = F.fuel();
  EXPECT_EQ(wasm2native_instance_set_fuel(F.I, 1000000), nullptr);
  wasm2native_val Arg = i32(1000), Result;
  EXPECT_EQ(wasm2native_instance_call(F.I, "sum", &Arg, 1, &Result, 1),
            nullptr);
  EXPECT_EQ(Result.of.i32, 499500);
  P.second = F.fuel();
  return P;
}

TEST(FuelDeterminism, SameCountAcrossRunsAndOptLevels) {
  std::pair<int64_t, int64_t> O0 = fuelProfile("O0");
  std::pair<int64_t, int64_t> O2 = fuelProfile("O2");
  EXPECT_EQ(fuelProfile("O0"), O0);
  EXPECT_EQ(fuelProfile("O2"), O2);
  EXPECT_EQ(O0, O2);
  EXPECT_LT(O0.first, 0);
  EXPECT_GT(O0.second, 0);
  EXPECT_LT(O0.second, 1000000);
}

/// compare(0, 32768, N) on zeroed memory with a budget of Fuel: whether it
/// ran out of fuel, the fuel left, and its result.
struct CompareRun {
  bool OutOfFuel = false;
  int64_t Left = 0;
  int32_t Result = -1;
  bool operator==(const CompareRun &O) const {
    return OutOfFuel == O.OutOfFuel && Left == O.Left && Result == O.Result;
  }
};

CompareRun compareWithFuel(const char *Variant, int32_t N, int64_t Fuel) {
  CompareRun Run;
  FuelInstance F(Variant, Fuel);
  if (!F.I)
    return Run;
  wasm2native_val Args[3] = {i32(0), i32(32768), i32(N)}, Result;
  wasm2native_error *E =
      wasm2native_instance_call(F.I, "compare", Args, 3, &Result, 1);
  if (E) {
    Run.OutOfFuel = wasm2native_error_trap_code(E) ==
                    uint32_t(WASM2NATIVE_TRAP_OUT_OF_FUEL);
    EXPECT_TRUE(Run.OutOfFuel) << wasm2native_error_message(E);
    wasm2native_error_delete(E);
  } else {
    Run.Result = Result.of.i32;
  }
  Run.Left = F.fuel();
  return Run;
}

// At -O2 the byte loop runs behind a vector search that skips ahead; the
// fuel charged, and where fuel runs out, must still be those of -O0.
TEST(FuelDeterminism, VectorSearchChargesLikeTheByteLoop) {
  CompareRun Full = compareWithFuel("O0", 30000, 10000000);
  EXPECT_FALSE(Full.OutOfFuel);
  EXPECT_EQ(Full.Result, 0);
  EXPECT_EQ(compareWithFuel("O2", 30000, 10000000), Full);
  // 6000 bytes cost more than 123457 units: out of fuel part-way, at -O2
  // too (had the skipped bytes been free, the rest would have fitted).
  CompareRun Short = compareWithFuel("O0", 6000, 123457);
  EXPECT_TRUE(Short.OutOfFuel);
  EXPECT_EQ(compareWithFuel("O2", 6000, 123457), Short);
}

TEST(Uninstrumented, RefusesBudgets) {
  wasm2native_module *M = nullptr;
  ASSERT_EQ(wasm2native_module_load(modulePath("plain").c_str(), &M), nullptr);
  wasm2native_linker *L = wasm2native_linker_new();
  wasm2native_instance *I = nullptr;
  ASSERT_EQ(wasm2native_instantiate(L, M, nullptr, &I), nullptr);
  wasm2native_error *E = wasm2native_instance_set_fuel(I, 100);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_USAGE);
  EXPECT_NE(std::string(wasm2native_error_message(E)).find("no fuel metering"),
            std::string::npos);
  wasm2native_error_delete(E);
  E = wasm2native_instance_add_fuel(I, 100);
  ASSERT_NE(E, nullptr);
  wasm2native_error_delete(E);
  int64_t F = 0;
  E = wasm2native_instance_get_fuel(I, &F);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(F, -1);
  wasm2native_error_delete(E);
  E = wasm2native_instance_set_epoch_deadline(I, 1);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_USAGE);
  wasm2native_error_delete(E);
  wasm2native_val Arg = i32(4), Result;
  EXPECT_EQ(wasm2native_instance_call(I, "sum", &Arg, 1, &Result, 1), nullptr);
  EXPECT_EQ(Result.of.i32, 6);
  wasm2native_instance_delete(I);
  wasm2native_linker_delete(L);
  wasm2native_module_delete(M);
}

TEST(InstanceCap, LimitsLiveInstances) {
  wasm2native_module *M = nullptr;
  ASSERT_EQ(wasm2native_module_load(modulePath("plain").c_str(), &M), nullptr);
  wasm2native_linker *L = wasm2native_linker_new();
  uint64_t Base = wasm2native_live_instances();
  wasm2native_set_max_instances(Base + 2);
  wasm2native_instance *A = nullptr, *B = nullptr, *C = nullptr;
  ASSERT_EQ(wasm2native_instantiate(L, M, nullptr, &A), nullptr);
  ASSERT_EQ(wasm2native_instantiate(L, M, nullptr, &B), nullptr);
  EXPECT_EQ(wasm2native_live_instances(), Base + 2);
  wasm2native_error *E = wasm2native_instantiate(L, M, nullptr, &C);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(C, nullptr);
  EXPECT_EQ(wasm2native_error_kind(E), WASM2NATIVE_ERROR_RESOURCE);
  EXPECT_NE(
      std::string(wasm2native_error_message(E)).find("too many instances"),
      std::string::npos)
      << wasm2native_error_message(E);
  wasm2native_error_delete(E);
  // A failed instantiation does not count; deleting one frees a slot.
  EXPECT_EQ(wasm2native_live_instances(), Base + 2);
  wasm2native_instance_delete(A);
  ASSERT_EQ(wasm2native_instantiate(L, M, nullptr, &C), nullptr);
  wasm2native_instance_delete(B);
  wasm2native_instance_delete(C);
  EXPECT_EQ(wasm2native_live_instances(), Base);
  wasm2native_set_max_instances(0);
  wasm2native_linker_delete(L);
  wasm2native_module_delete(M);
}

} // namespace
