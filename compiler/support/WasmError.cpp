//===- WasmError.cpp - Errors that carry a byte offset --------------------===//

#include "support/WasmError.h"

#include "llvm/Support/Format.h"

using namespace llvm;

namespace w2n {

char WasmError::ID = 0;

void WasmError::log(raw_ostream &OS) const {
  OS << format("0x%" PRIx64 ": ", Offset) << Message;
}

std::error_code WasmError::convertToErrorCode() const {
  return inconvertibleErrorCode();
}

} // namespace w2n
