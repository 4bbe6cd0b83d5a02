//===- SExpr.h - A reader of spec-script S-expressions ----------*- C++ -*-===//
///
/// \file
/// Reads the S-expressions of WebAssembly script files, as the spec's
/// reference interpreter writes them (`wasm -d`): lists in parentheses,
/// atoms (keywords, numbers, `$ids`) and strings. Strings are decoded:
/// `\hh` gives the byte 0xhh, `\u{h...}` the UTF-8 encoding of the code
/// point, and `\t \n \r \" \' \\` what they say. Line comments (`;;`) and
/// nestable block comments (`(; ;)`) are skipped.
///
/// Every node keeps the byte offset where it starts, so that errors about
/// the script can say where, as `0xOFFSET: reason`.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_LIB_WAST_SEXPR_H
#define WASM2NATIVE_LIB_WAST_SEXPR_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace w2n {

struct SExpr {
  enum Kind { List, Atom, String };
  Kind K = List;
  /// The atom's text or the decoded bytes of the string.
  std::string Text;
  std::vector<SExpr> Items; ///< A list's elements.
  uint64_t Offset = 0;      ///< Where the node starts in the input.

  bool isList() const { return K == List; }
  bool isAtom() const { return K == Atom; }
  bool isString() const { return K == String; }
  /// Whether this is the atom Word.
  bool isAtom(llvm::StringRef Word) const { return K == Atom && Text == Word; }
  /// Whether this is a list whose first element is the atom Head.
  bool isListOf(llvm::StringRef Head) const {
    return K == List && !Items.empty() && Items.front().isAtom(Head);
  }
  /// The 1-based line of Offset in Input.
  static unsigned lineOf(llvm::StringRef Input, uint64_t Offset);
};

/// An error about a script, at a byte offset of it.
class ScriptError : public llvm::ErrorInfo<ScriptError> {
public:
  static char ID;
  ScriptError(uint64_t Offset, std::string Message)
      : Offset(Offset), Message(std::move(Message)) {}
  uint64_t getOffset() const { return Offset; }
  const std::string &getMessage() const { return Message; }
  /// Prints `0xOFFSET: MESSAGE`.
  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override;

private:
  uint64_t Offset;
  std::string Message;
};

/// Reads every top-level S-expression of Input. Nesting is limited (a
/// hostile script must not exhaust the stack): deeper than MaxDepth is an
/// error.
llvm::Expected<std::vector<SExpr>> readSExprs(llvm::StringRef Input,
                                              unsigned MaxDepth = 1000);

} // namespace w2n

#endif // WASM2NATIVE_LIB_WAST_SEXPR_H
