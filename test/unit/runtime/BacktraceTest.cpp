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

// ---- cfiStep
// -----------------------------------------------------------------

#if defined(__x86_64__)
/// An .eh_frame with one CIE and one FDE for the code at [Code, Code +
/// 32), with absolute pointers (the code need not exist: a step reads only
/// the section and the stack).
class EhFrameBuilder {
public:
  /// CieInsns: the CIE's initial instructions; FdeInsns: the FDE's.
  EhFrameBuilder(const std::vector<uint8_t> &CieInsns,
                 const std::vector<uint8_t> &FdeInsns, uintptr_t Code) {
    // CIE: version 1, "zR", code align 1, data align -8, RA column 16,
    // augmentation data: FDE pointers are absolute (DW_EH_PE_absptr).
    std::vector<uint8_t> Cie = {0, 0, 0,    0,  1, 'z', 'R',
                                0, 1, 0x78, 16, 1, 0x00};
    Cie.insert(Cie.end(), CieInsns.begin(), CieInsns.end());
    pad(Cie);
    append(uint32_t(Cie.size()), 4);
    Bytes.insert(Bytes.end(), Cie.begin(), Cie.end());
    // FDE: the CIE pointer (the distance back from its own field),
    // pc_begin, pc_range, an empty augmentation, the instructions.
    std::vector<uint8_t> Fde;
    size_t Contents = Bytes.size() + 4;
    appendTo(Fde, Contents, 4);
    appendTo(Fde, Code, 8);
    appendTo(Fde, 32, 8);
    Fde.push_back(0);
    Fde.insert(Fde.end(), FdeInsns.begin(), FdeInsns.end());
    pad(Fde);
    append(uint32_t(Fde.size()), 4);
    Bytes.insert(Bytes.end(), Fde.begin(), Fde.end());
    append(0, 4); // the terminator
  }
  detail::EhFrame section() const { return {Bytes.data(), Bytes.size()}; }

private:
  static void appendTo(std::vector<uint8_t> &V, uint64_t X, int N) {
    for (int I = 0; I < N; ++I)
      V.push_back(uint8_t(X >> (8 * I)));
  }
  void append(uint64_t X, int N) { appendTo(Bytes, X, N); }
  /// DW_CFA_nop up to a multiple of 8 with the length field.
  static void pad(std::vector<uint8_t> &V) {
    while ((V.size() + 4) % 8)
      V.push_back(0);
  }
  std::vector<uint8_t> Bytes;
};

TEST(CfiStepTest, FollowsThePrologueOfAFramePointer) {
  // push rbp (1 byte); mov rbp, rsp (3 bytes); then the body.
  uintptr_t Code = 0x100000;
  EhFrameBuilder B({0x0c, 7, 8, 0x90, 1},    // def_cfa rsp+8; ra at cfa-8
                   {0x41, 0x0e, 16, 0x86, 2, // +1: cfa rsp+16; rbp at cfa-16
                    0x43, 0x0d, 6},          // +3: cfa register rbp
                   Code);
  detail::EhFrame Sec = B.section();
  // A stack: [0] saved rbp, [1] return address, [2..] the caller's.
  uintptr_t Stack[8] = {0x7777, Code + 0x1000, 0, 0, 0, 0, 0, 0};
  uintptr_t Base = reinterpret_cast<uintptr_t>(Stack);
  detail::StackBounds Bounds{Base, Base + sizeof(Stack)};

  // At the entry: the return address is at sp.
  detail::UnwindRegs R{Code, Base + 8, 0x1234, 0};
  ASSERT_TRUE(detail::cfiStep(Sec, R, Bounds));
  EXPECT_EQ(R.Pc, Code + 0x1000 - 1);
  EXPECT_EQ(R.Sp, Base + 16);
  EXPECT_EQ(R.Fp, 0x1234u); // not saved yet
  // After push rbp.
  R = {Code + 2, Base, 0x1234, 0};
  ASSERT_TRUE(detail::cfiStep(Sec, R, Bounds));
  EXPECT_EQ(R.Pc, Code + 0x1000 - 1);
  EXPECT_EQ(R.Sp, Base + 16);
  EXPECT_EQ(R.Fp, 0x7777u);
  // In the body: the CFA is rbp + 16, whatever sp is.
  R = {Code + 20, Base - 64, Base, 0};
  Bounds.Low = Base - 64;
  ASSERT_TRUE(detail::cfiStep(Sec, R, Bounds));
  EXPECT_EQ(R.Sp, Base + 16);
  EXPECT_EQ(R.Fp, 0x7777u);
  // Outside the FDE: no step.
  R = {Code + 40, Base, Base, 0};
  EXPECT_FALSE(detail::cfiStep(Sec, R, Bounds));
  // A stack that ends below the return address: no read, no step.
  R = {Code + 2, Base, 0x1234, 0};
  Bounds.High = Base + 8;
  EXPECT_FALSE(detail::cfiStep(Sec, R, Bounds));
}

TEST(CfiStepTest, LeafWithTheReturnAddressInTheLinkRegister) {
  // As AArch64 and RISC-V describe a leaf that uses no stack: the CFA is
  // sp itself and the return address column has no rule.
  uintptr_t Code = 0x200000;
  EhFrameBuilder B({0x0c, 7, 0}, {}, Code);
  detail::EhFrame Sec = B.section();
  uintptr_t Stack[2] = {0, 0};
  uintptr_t Base = reinterpret_cast<uintptr_t>(Stack);
  detail::StackBounds Bounds{Base, Base + sizeof(Stack)};
  detail::UnwindRegs R{Code + 4, Base, 0x5555, Code + 0x2000};
  ASSERT_TRUE(detail::cfiStep(Sec, R, Bounds));
  EXPECT_EQ(R.Pc, Code + 0x2000 - 1);
  EXPECT_EQ(R.Sp, Base);
  EXPECT_EQ(R.Lr, 0u);
  // The link register is used once: the same frame again cannot step.
  R.Pc = Code + 4;
  EXPECT_FALSE(detail::cfiStep(Sec, R, Bounds));
}
#endif

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
