//===- FuzzValidate.cpp - libFuzzer target for the reader and validator ---===//
///
/// \file
/// Feeds arbitrary bytes to readModule() and, when they decode, to
/// validateModule(). Rejecting input is the expected outcome; a crash, a
/// sanitizer report, a leak or a timeout is a bug. Run it with
/// scripts/fuzz.sh, which builds it and seeds it from the spec suite.
///
//===----------------------------------------------------------------------===//

#include "decode/ModuleReader.h"
#include "validate/Validator.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::Expected<std::unique_ptr<w2n::Module>> M =
      w2n::readModule(llvm::ArrayRef<uint8_t>(Data, Size));
  if (!M) {
    llvm::consumeError(M.takeError());
    return 0;
  }
  llvm::consumeError(w2n::validateModule(**M));
  return 0;
}
