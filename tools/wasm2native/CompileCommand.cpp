//===- CompileCommand.cpp - wasm2native compile ---------------------------===//

#include "Commands.h"
#include "Diagnostics.h"

#include "decode/ModuleReader.h"
#include "validate/Validator.h"

using namespace llvm;

namespace w2n {

int runCompile(const CompileOptions &Opts) {
  Expected<std::unique_ptr<Module>> M = readAndValidate(Opts.Input);
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
