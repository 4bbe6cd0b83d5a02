//===- BacktraceTest.cpp - Trap backtraces --------------------------------===//
///
/// \file
/// The frames of a trap: the recorder that folds recursion as the stack is
/// walked (FrameRecorder), the text the tools print (formatBacktrace), and
/// real modules compiled by the build (BacktraceModule.wat at -O0 and -O2,
/// both bounds-check modes): a leaf that traps without a frame of its own
/// still has its caller in the backtrace, whether it faults (a signal) or
/// calls the trap entry point, and so does a function whose host import
/// traps; a mutual recursion that exhausts the stack is one folded run.
///
//===----------------------------------------------------------------------===//

#include "Backtrace.h"

#include "wasm2native/runtime.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace w2n::rt;
using detail::FrameRecorder;

namespace {

// ---- FrameRecorder
// -----------------------------------------------------------

/// The runs of R as "pc,pc*count" strings, for comparisons.
std::vector<std::string> runsOf(const FrameRecorder &R) {
  std::vector<std::string> Out;
  for (unsigned I = 0; I < R.numRuns(); ++I) {
    const detail::FrameRun &Run = R.run(I);
    std::string S;
    for (uint32_t K = 0; K < Run.Period; ++K)
      S += (K ? "," : "") + std::to_string(Run.Pcs[K]);
    Out.push_back(S + "*" + std::to_string(Run.Count));
  }
  return Out;
}

TEST(FrameRecorderTest, FoldsSelfRecursion) {
  FrameRecorder R;
  R.reset();
  R.push(1);
  for (int I = 0; I < 100000; ++I)
    R.push(2);
  R.push(3);
  EXPECT_EQ(runsOf(R), (std::vector<std::string>{"1*1", "2*100000", "3*1"}));
  EXPECT_EQ(R.total(), 100002u);
  EXPECT_EQ(R.omitted(), 0u);
}

TEST(FrameRecorderTest, FoldsCyclesOfUpToFourFrames) {
  for (unsigned P = 2; P <= detail::FrameRun::MaxPeriod; ++P) {
    FrameRecorder R;
    R.reset();
    R.push(100);
    for (int I = 0; I < 1000; ++I)
      for (unsigned K = 0; K < P; ++K)
        R.push(K + 1);
    R.push(200);
    std::string Cycle;
    for (unsigned K = 0; K < P; ++K)
      Cycle += (K ? "," : "") + std::to_string(K + 1);
    EXPECT_EQ(runsOf(R),
              (std::vector<std::string>{"100*1", Cycle + "*1000", "200*1"}))
        << "period " << P;
  }
}

TEST(FrameRecorderTest, CountsWhatItCannotKeep) {
  // A cycle of five frames never folds; the record fills up and the rest
  // is only counted.
  FrameRecorder R;
  R.reset();
  for (int I = 0; I < 1000; ++I)
    R.push(uintptr_t(I % 5 + 1));
  EXPECT_EQ(R.numRuns(), FrameRecorder::MaxRuns);
  EXPECT_EQ(R.omitted(), 1000u - FrameRecorder::MaxRuns);
  EXPECT_EQ(R.total(), 1000u);
}

// ---- formatBacktrace -------------------------------------------------------

TEST(FormatBacktraceTest, ListsFoldsAndCounts) {
  Trap T;
  T.Kind = W2N_TRAP_CALL_STACK_EXHAUSTED;
  T.Backtrace = {
      {{"leaf"}, 1}, {{"f", "g"}, 199001}, {{"h"}, 2}, {{"main"}, 1}};
  T.OmittedFrames = 12;
  EXPECT_EQ(formatBacktrace(T), "wasm backtrace:\n"
                                "        0: leaf\n"
                                "        1: f\n"
                                "        2: g\n"
                                "           … 199,000 × f ↔ g\n"
                                "  398,003: h\n"
                                "  398,004: h\n"
                                "  398,005: main\n"
                                "           … 12 more frames\n");
  EXPECT_EQ(T.numFrames(), 398006u + 12u);
}

TEST(FormatBacktraceTest, LongCyclesAndNoFrames) {
  Trap T;
  T.Backtrace = {{{"a", "b", "c"}, 5}};
  EXPECT_EQ(formatBacktrace(T), "wasm backtrace:\n"
                                "   0: a\n"
                                "   1: b\n"
                                "   2: c\n"
                                "      … 4 × (a, b, c)\n");
  EXPECT_EQ(formatBacktrace(Trap()), "");
}

// ---- Compiled modules ------------------------------------------------------

struct Variant {
  const char *Opt;
  const char *Bounds;
};

class BacktraceModuleTest : public ::testing::TestWithParam<Variant> {
protected:
  void SetUp() override {
    std::string Path = std::string(W2N_LIMITS_MODULE_DIR) + "/backtrace-" +
                       GetParam().Opt + "-" + GetParam().Bounds + ".so";
    std::string Err;
    std::shared_ptr<LoadedModule> Mod = LoadedModule::load(Path, Err);
    ASSERT_TRUE(Mod) << Err;
    Linker L;
    L.define("host", "fail",
             Extern::func(S.createHostFunc(
                 FuncType({}, {}),
                 [](void *, w2n_val *) { raiseHostTrap("host says no"); },
                 nullptr)));
    InstantiateResult R = L.instantiate(S, Mod);
    ASSERT_FALSE(R.Err) << R.Err.Message;
    I = R.Inst;
  }

  /// The functions of T's backtrace, one per frame, runs expanded.
  static std::vector<std::string> frames(const Trap &T) {
    std::vector<std::string> Out;
    for (const BacktraceRun &R : T.Backtrace)
      for (uint64_t K = 0; K < R.Count; ++K)
        Out.insert(Out.end(), R.Functions.begin(), R.Functions.end());
    return Out;
  }

  Store S;
  Instance *I = nullptr;
};

TEST_P(BacktraceModuleTest, LeafCallerOfAnExplicitTrap) {
  w2n_val Arg;
  Arg.i32 = 0;
  Trap T = S.call(I->exportedFunc("entry"), &Arg, 1, nullptr, 0);
  ASSERT_EQ(T.Kind, uint32_t(W2N_TRAP_UNREACHABLE));
  EXPECT_EQ(T.Function, "leaf_unreachable");
  EXPECT_EQ(frames(T), (std::vector<std::string>{"leaf_unreachable", "middle",
                                                 "outer", "entry"}));
}

TEST_P(BacktraceModuleTest, LeafCallerOfAnOutOfBoundsAccess) {
  w2n_val Arg;
  Arg.i32 = 1;
  Trap T = S.call(I->exportedFunc("entry"), &Arg, 1, nullptr, 0);
  ASSERT_EQ(T.Kind, uint32_t(W2N_TRAP_MEMORY_OUT_OF_BOUNDS));
  EXPECT_EQ(T.Function, "leaf_oob");
  EXPECT_EQ(frames(T),
            (std::vector<std::string>{"leaf_oob", "middle", "outer", "entry"}));
}

TEST_P(BacktraceModuleTest, CallerOfAHostFunctionThatTraps) {
  w2n_val Arg;
  Arg.i32 = 2;
  Trap T = S.call(I->exportedFunc("entry"), &Arg, 1, nullptr, 0);
  ASSERT_EQ(T.Kind, uint32_t(W2N_TRAP_HOST));
  EXPECT_EQ(T.Message, "host says no");
  EXPECT_EQ(frames(T), (std::vector<std::string>{"calls_host", "middle",
                                                 "outer", "entry"}));
}

TEST_P(BacktraceModuleTest, MutualRecursionIsOneRun) {
  w2n_val Result;
  Trap T = S.call(I->exportedFunc("mutual"), nullptr, 0, &Result, 1);
  ASSERT_EQ(T.Kind, uint32_t(W2N_TRAP_CALL_STACK_EXHAUSTED));
  ASSERT_FALSE(T.Backtrace.empty());
  EXPECT_EQ(T.Backtrace.back().Functions, std::vector<std::string>{"mutual"});
  EXPECT_EQ(T.OmittedFrames, 0u);
  // -O2 may inline one of f and g into the other.
  const BacktraceRun &Deep = T.Backtrace.front();
  EXPECT_GT(Deep.Count, 1000u);
  if (std::string(GetParam().Opt) == "O0") {
    ASSERT_EQ(Deep.Functions.size(), 2u);
    EXPECT_EQ(T.Function, Deep.Functions[0]);
  }
  // Every frame between the trap and `mutual` is f or g.
  std::vector<std::string> All = frames(T);
  for (size_t K = 0; K + 1 < All.size(); ++K)
    ASSERT_TRUE(All[K] == "f" || All[K] == "g") << K << ": " << All[K];
}

INSTANTIATE_TEST_SUITE_P(
    Variants, BacktraceModuleTest,
    ::testing::Values(Variant{"O0", "guard"}, Variant{"O0", "explicit"},
                      Variant{"O2", "guard"}, Variant{"O2", "explicit"}),
    [](const ::testing::TestParamInfo<Variant> &Info) {
      return std::string(Info.param.Opt) + "_" + Info.param.Bounds;
    });

} // namespace
