//===- ValidateCommand.cpp - wasm2native validate -------------------------===//

#include "Commands.h"
#include "Diagnostics.h"

#include "validate/Validator.h"

using namespace llvm;

namespace w2n {

int runValidate(const ValidateOptions &Opts) {
  int Status = 0;
  for (const std::string &Path : Opts.Inputs) {
    Expected<std::unique_ptr<Module>> M = readValidModule(Path, Opts.Features);
    if (!M) {
      reportError(Path, M.takeError());
      Status = 1;
    }
  }
  return Status;
}

} // namespace w2n
