//===- WasmError.h - Errors that carry a byte offset ------------*- C++ -*-===//
///
/// \file
/// The error type of the reader and the validator: a reason plus the offset
/// of the offending byte in the input file, printed as `0x<hex>: <reason>`.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_SUPPORT_WASMERROR_H
#define WASM2NATIVE_SUPPORT_WASMERROR_H

#include "llvm/Support/Error.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstdint>
#include <string>

namespace w2n {

/// A malformed or invalid module. Offset is the file offset of the byte at
/// which the problem was detected.
class WasmError : public llvm::ErrorInfo<WasmError> {
public:
  static char ID;

  WasmError(uint64_t Offset, std::string Message)
      : Offset(Offset), Message(std::move(Message)) {}

  uint64_t getOffset() const { return Offset; }
  const std::string &getMessage() const { return Message; }

  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override;

private:
  uint64_t Offset;
  std::string Message;
};

/// Creates a WasmError with a formatv-style message.
template <typename... Ts>
llvm::Error makeError(uint64_t Offset, const char *Fmt, Ts &&...Vals) {
  return llvm::make_error<WasmError>(
      Offset, llvm::formatv(Fmt, std::forward<Ts>(Vals)...).str());
}

} // namespace w2n

#endif // WASM2NATIVE_SUPPORT_WASMERROR_H
