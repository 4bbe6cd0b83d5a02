//===- BacktraceFormat.cpp - A trap's frames as names and text ------------===//
///
/// \file
/// Store::nameFrames turns the pcs that the stack walk recorded (runs of
/// repeated cycles, Backtrace.h) into runs of function names, spelt as the
/// trap site spells them, and folds what the names repeat further: the pcs
/// of one function differ (its trap site, its call sites), its name does
/// not.
///
/// formatBacktrace (traps.h): what `wasm2native run` and wasm2native-run
/// print after a trap. Frames are numbered by their depth, so a folded
/// recursion shows how deep the stack was:
///
///   wasm backtrace:
///          0: leaf
///          1: f
///          2: g
///             … 199,000 × f ↔ g
///     398,003: main
///
//===----------------------------------------------------------------------===//

#include "wasm2native/runtime.h"

#include "Internal.h"

#include <algorithm>
#include <string>

namespace w2n::rt {

std::string Store::moduleLabel(const LoadedModule &M) const {
  for (const std::unique_ptr<Instance> &I : Instances)
    if (I->Mod.get() == &M && !I->Name.empty())
      return I->Name;
  if (const char *N = M.descriptor().module_name; N && *N)
    return N;
  // The file's name without directory and extension.
  std::string File = M.path().substr(M.path().rfind('/') + 1);
  File = File.substr(0, File.find('.'));
  return File.empty() ? "module" : File;
}

namespace {

/// A frame's function and the module it belongs to.
struct NamedFrame {
  const LoadedModule *Module;
  std::string Function;
  bool operator==(const NamedFrame &O) const {
    return Module == O.Module && Function == O.Function;
  }
};

struct NamedRun {
  std::vector<NamedFrame> Frames;
  uint64_t Count;
};

/// Whether the N runs before Runs[End] are single frames equal to
/// Frames[0..N).
bool singlesBefore(const std::vector<NamedRun> &Runs, size_t End,
                   const NamedFrame *Frames, size_t N) {
  if (End < N)
    return false;
  for (size_t I = 0; I < N; ++I) {
    const NamedRun &R = Runs[End - N + I];
    if (R.Count != 1 || R.Frames.size() != 1 || !(R.Frames[0] == Frames[I]))
      return false;
  }
  return true;
}

} // namespace

void Store::nameFrames(const detail::RawTrap &Raw, Trap &T) const {
  // Runs of pcs become runs of functions: the pcs of one function differ
  // (the trap site, each call site), its name does not.
  std::vector<NamedRun> Runs;
  for (const detail::RawTrap::FrameRun &R : Raw.Frames) {
    NamedRun Named{{}, R.Count};
    for (uintptr_t Pc : R.Pcs)
      if (std::string Name = functionNameAt(Pc); !Name.empty())
        Named.Frames.push_back({moduleAt(Pc), std::move(Name)});
    if (Named.Frames.empty())
      continue; // trampolines
    // {f, f} repeated N times is f repeated 2N times.
    if (std::all_of(
            Named.Frames.begin(), Named.Frames.end(),
            [&](const NamedFrame &F) { return F == Named.Frames[0]; })) {
      Named.Count *= Named.Frames.size();
      Named.Frames.resize(1);
    }
    if (!Runs.empty() && Runs.back().Frames == Named.Frames) {
      Runs.back().Count += Named.Count;
      continue;
    }
    // One repetition of a cycle just before the cycle's run joins it.
    if (Named.Frames.size() > 1 &&
        singlesBefore(Runs, Runs.size(), Named.Frames.data(),
                      Named.Frames.size())) {
      Runs.resize(Runs.size() - Named.Frames.size());
      ++Named.Count;
    }
    Runs.push_back(std::move(Named));
  }
  // A cycle reads best from where the recursion trapped: f (g f)^N is
  // (f g)^N f, and the trap site leads the run.
  for (size_t I = 1; I < Runs.size(); ++I) {
    std::vector<NamedFrame> &Cycle = Runs[I].Frames;
    size_t P = Cycle.size(), K = 0;
    for (size_t Try = P - 1; Try >= 1 && !K; --Try)
      if (singlesBefore(Runs, I, Cycle.data() + P - Try, Try))
        K = Try;
    if (!K)
      continue;
    std::vector<NamedFrame> Tail(Cycle.end() - K, Cycle.end());
    std::rotate(Cycle.begin(), Cycle.end() - K, Cycle.end());
    NamedRun Moved = std::move(Runs[I]);
    Runs.erase(Runs.begin() + (I - K), Runs.begin() + I + 1);
    Runs.insert(Runs.begin() + (I - K), std::move(Moved));
    // The run is at I - K now, its tail up to I.
    for (size_t J = 0; J < K; ++J)
      Runs.insert(Runs.begin() + (I - K + 1 + J), NamedRun{{Tail[J]}, 1});
  }
  // A whole cycle just after the cycle's run joins it too.
  for (size_t I = 0; I < Runs.size(); ++I) {
    size_t P = Runs[I].Frames.size();
    while (P > 1 && I + P < Runs.size() &&
           singlesBefore(Runs, I + 1 + P, Runs[I].Frames.data(), P)) {
      ++Runs[I].Count;
      Runs.erase(Runs.begin() + I + 1, Runs.begin() + I + 1 + P);
    }
  }
  // The trap site names its wasm function even where LLVM inlined it into
  // the function that holds the pc.
  if (!T.Function.empty()) {
    const LoadedModule *M = Raw.Pc ? moduleAt(Raw.Pc) : nullptr;
    if (!M && !Runs.empty())
      M = Runs.front().Frames.front().Module;
    NamedFrame Site{M, T.Function};
    if (Runs.empty() || !(Runs.front().Frames.front() == Site))
      Runs.insert(Runs.begin(), NamedRun{{Site}, 1});
  }
  bool Prefix = Instances.size() > 1;
  for (const NamedRun &R : Runs) {
    BacktraceRun Out;
    Out.Count = R.Count;
    for (const NamedFrame &F : R.Frames)
      Out.Functions.push_back(Prefix && F.Module
                                  ? moduleLabel(*F.Module) + "!" + F.Function
                                  : F.Function);
    T.Backtrace.push_back(std::move(Out));
  }
  T.OmittedFrames = Raw.OmittedFrames;
}

namespace {

/// N with thousands separators: 199,000.
std::string grouped(uint64_t N) {
  std::string Digits = std::to_string(N), Out;
  for (size_t I = 0; I < Digits.size(); ++I) {
    if (I && (Digits.size() - I) % 3 == 0)
      Out += ',';
    Out += Digits[I];
  }
  return Out;
}

/// A run's functions: "f", "f ↔ g", or "(f, g, h)" for longer cycles.
std::string cycle(const std::vector<std::string> &Functions) {
  if (Functions.size() == 1)
    return Functions[0];
  if (Functions.size() == 2)
    return Functions[0] + " ↔ " + Functions[1];
  std::string S = "(";
  for (size_t I = 0; I < Functions.size(); ++I)
    S += (I ? ", " : "") + Functions[I];
  return S + ")";
}

/// The runs with Count at least this are folded; shorter ones are listed.
constexpr uint64_t FoldFrom = 3;

} // namespace

uint64_t Trap::numFrames() const {
  uint64_t N = OmittedFrames;
  for (const BacktraceRun &R : Backtrace)
    N += R.Functions.size() * R.Count;
  return N;
}

std::string formatBacktrace(const Trap &T) {
  if (T.Backtrace.empty())
    return "";
  // Right-align the depth numbers, which go up to the last frame's.
  uint64_t Last = 0;
  for (const BacktraceRun &R : T.Backtrace)
    Last += R.Functions.size() * R.Count;
  size_t Width = std::max<size_t>(2, grouped(Last ? Last - 1 : 0).size());
  auto Line = [&](const std::string &Number, const std::string &Text) {
    return "  " + std::string(Width - std::min(Width, Number.size()), ' ') +
           Number + (Number.empty() ? "  " : ": ") + Text + "\n";
  };

  std::string Out = "wasm backtrace:\n";
  uint64_t Depth = 0;
  for (const BacktraceRun &R : T.Backtrace) {
    uint64_t Listed = R.Count >= FoldFrom ? 1 : R.Count;
    for (uint64_t K = 0; K < Listed; ++K)
      for (const std::string &F : R.Functions)
        Out += Line(grouped(Depth++), F);
    if (Listed < R.Count) {
      uint64_t Rest = R.Count - Listed;
      Out += Line("", "… " + grouped(Rest) + " × " + cycle(R.Functions));
      Depth += Rest * R.Functions.size();
    }
  }
  if (T.OmittedFrames)
    Out += Line("", "… " + grouped(T.OmittedFrames) + " more frames");
  return Out;
}

} // namespace w2n::rt
