//===- CompileCommand.cpp - wasm2native compile ---------------------------===//

#include "Commands.h"
#include "Diagnostics.h"

#include "decode/ModuleReader.h"
#include "validate/Validator.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace w2n {

int runCompile(const CompileOptions &Opts) {
  if (Opts.Codegen.CPU == "help" || Opts.Codegen.Features == "help") {
    if (Error E = printTargetHelp(Opts.Codegen, Opts.Codegen.Features == "help",
                                  outs())) {
      reportError(std::move(E));
      return 1;
    }
    return 0;
  }
  if (Opts.Input.empty() || Opts.Output.empty()) {
    reportError(createStringError(inconvertibleErrorCode(),
                                  "an input file and -o OUTPUT are required"));
    return 1;
  }
  const std::string &Output = Opts.Output;
  // Mistakes in the options are reported before the input is read.
  if (Error E = checkCodegenOptions(Opts.Codegen)) {
    reportError(std::move(E));
    return 1;
  }
  // So is an output that cannot be written (else the linker says so last,
  // in its own words).
  if (Output != "-") {
    StringRef Dir = sys::path::parent_path(Output);
    if (std::error_code EC = sys::fs::access(Dir.empty() ? "." : Dir,
                                             sys::fs::AccessMode::Write)) {
      reportError(Output, createStringError(EC, "cannot write output: %s",
                                            EC.message().c_str()));
      return 1;
    }
  }
  if (!Opts.LLVMArgs.empty()) {
    std::vector<const char *> Argv = {"wasm2native (--mllvm)"};
    for (const std::string &A : Opts.LLVMArgs)
      Argv.push_back(A.c_str());
    if (!cl::ParseCommandLineOptions(Argv.size(), Argv.data(), "", &errs()))
      return 1;
  }
  Expected<std::unique_ptr<Module>> M = readValidModule(Opts.Input);
  if (!M) {
    reportError(Opts.Input, M.takeError());
    return 1;
  }
  if (Error E = compileModule(**M, Opts.Codegen, Output)) {
    reportError(Opts.Input, std::move(E));
    return 1;
  }
  return 0;
}

} // namespace w2n
