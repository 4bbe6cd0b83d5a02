//===- CompileCommand.cpp - wasm2native compile ---------------------------===//

#include "Commands.h"
#include "Diagnostics.h"
#include "ProcessLimits.h"

#include "decode/ModuleReader.h"
#include "validate/Validator.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace w2n {

bool applyLLVMArgs(const std::vector<std::string> &Args) {
  if (Args.empty())
    return true;
  std::vector<const char *> Argv = {"wasm2native (--mllvm)"};
  for (const std::string &A : Args)
    Argv.push_back(A.c_str());
  return cl::ParseCommandLineOptions(Argv.size(), Argv.data(), "", &errs());
}

int runCompile(const CompileOptions &Opts) {
  if (Opts.Codegen.CPU == "help" || Opts.Codegen.Features == "help") {
    if (Error E = printTargetHelp(Opts.Codegen, Opts.Codegen.Features == "help",
                                  outs())) {
      reportError("wasm2native", std::move(E));
      return 1;
    }
    return 0;
  }
  if (Opts.Input.empty() || Opts.Output.empty()) {
    errs() << "wasm2native compile: an input file and -o OUTPUT are "
              "required\n";
    return 1;
  }
  if (!applyLLVMArgs(Opts.LLVMArgs) ||
      !applyProcessLimits(Opts.MaxMemoryMiB, Opts.TimeoutSeconds))
    return 1;
  Expected<std::unique_ptr<Module>> M = readValidModule(Opts.Input);
  if (!M) {
    reportError(Opts.Input, M.takeError());
    return 1;
  }
  if (Error E = compileModule(**M, Opts.Codegen, Opts.Output)) {
    reportError(Opts.Input, std::move(E));
    return 1;
  }
  return 0;
}

} // namespace w2n
