//===- Commands.h - The subcommands of the wasm2native tool -----*- C++ -*-===//
///
/// \file
/// Each subcommand takes a plain options struct filled in by the command
/// line parser (the only place that sees CLI11) and returns the exit code.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_TOOLS_COMMANDS_H
#define WASM2NATIVE_TOOLS_COMMANDS_H

#include "codegen/Compile.h"
#include "decode/Features.h"

#include "runner/Runner.h"

#include <string>
#include <vector>

namespace w2n {

struct ValidateOptions {
  std::vector<std::string> Inputs;
  /// --wasm-features (decode/Features.h); the same in every subcommand.
  FeatureSet Features = FeatureSet::wasm3();
};

/// `wasm2native validate`: 0 when every input is valid, else 1, with one
/// `FILE:0xOFFSET: error: REASON` line per bad input on stderr.
int runValidate(const ValidateOptions &Opts);

struct CompileOptions {
  std::string Input;
  std::string Output;
  FeatureSet Features = FeatureSet::wasm3();
  CodegenOptions Codegen;
  /// LLVM's own options (`--mllvm=-print-after=loop-vectorize`), for
  /// looking inside the pipeline; as with clang, not a stable interface.
  std::vector<std::string> LLVMArgs;
  /// --max-memory (MiB of address space) and --timeout (CPU seconds); 0
  /// is no limit (ProcessLimits.h).
  uint64_t MaxMemoryMiB = 0;
  uint64_t TimeoutSeconds = 0;
};

/// `wasm2native compile`: decode, validate and compile one module.
int runCompile(const CompileOptions &Opts);

/// Where `compile` writes without -o: beside the input, with the output
/// kind's extension in place of `.wasm` (`X.so`, or `X.dylib` for Darwin,
/// `X.o`, `X.s`, `X.ll`).
std::string defaultOutputPath(llvm::StringRef Input,
                              const CodegenOptions &Opts);

struct HeaderOptions {
  std::string Input;
  FeatureSet Features = FeatureSet::wasm3();
  /// The header; "-" is stdout.
  std::string Output = "-";
  /// The prefix of the header's names; default: from the input's name.
  std::string ModuleName;
  /// If set, also write the C source of NAME_module() here.
  std::string Glue;
};

/// `wasm2native header`: typed C bindings of a module (bindings/CHeader.h).
int runHeader(const HeaderOptions &Opts);

/// Hands `--mllvm` options to LLVM; false (after printing why) if LLVM
/// rejects one.
bool applyLLVMArgs(const std::vector<std::string> &Args);

struct WastOptions {
  std::vector<std::string> Inputs;
  FeatureSet Features = FeatureSet::wasm3();
  CodegenOptions Codegen;
  /// Which program turns scripts into binary modules: the spec's reference
  /// interpreter (`wasm -d`, WebAssembly 3.0) or wabt's wast2json (the
  /// 2022 proposals: legacy exceptions, threads).
  enum class Converter { Interpreter, Wast2Json };
  Converter Conv = Converter::Interpreter;
  /// The reference interpreter; default: wasm-spec-interpreter beside the
  /// wasm2native executable (the build makes it), else from PATH.
  std::string Interpreter;
  std::string Wast2Json = "wast2json";
  /// Extra wast2json flags, e.g. --enable-tail-call for proposals.
  std::vector<std::string> Wast2JsonFlags;
  /// --prepare: compile into this directory for `wasm2native-run --spec`
  /// on the target instead of running here.
  std::string PrepareDir;
  /// As for compile (e.g. `--mllvm=-wasm2native-force-tier=baseline` runs
  /// the scripts on the baseline tier).
  std::vector<std::string> LLVMArgs;
};

/// `wasm2native wast`: run spec scripts through the compiler and
/// runtime-support (w2nSpecRunner); 0 when every command passed, else 1.
/// With PrepareDir, only prepare them: 0 when every list was written.
int runWast(const WastOptions &Opts);

struct RunCommandOptions {
  FeatureSet Features = FeatureSet::wasm3();
  run::RunOptions Run;
  CodegenOptions Codegen;
  /// Where compiled .wasm modules are cached (default: see RunCommand.cpp).
  std::string CacheDir;
};

/// The target `run` compiles for: this machine's, spelled as the table of
/// supported targets spells it (on x86-64 Linux, the default target of
/// `compile`).
std::string hostTarget();

/// `wasm2native run`: compile (cached) and run a module as a WASI program;
/// returns the guest's exit status (Runner.h).
int runRun(const RunCommandOptions &Opts);

} // namespace w2n

#endif // WASM2NATIVE_TOOLS_COMMANDS_H
