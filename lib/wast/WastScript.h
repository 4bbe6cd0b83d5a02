//===- WastScript.h - Spec test scripts as wast2json writes them -*- C++
//-*-===//
///
/// \file
/// Loads a `.wast` spec script by converting it with wabt's wast2json into
/// a JSON command list plus one `.wasm` per module, and reads that list.
/// Shared by the spec harnesses: spec-validate reads the commands,
/// `wasm2native wast` converts and then prepares the list for the runner.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_LIB_WAST_WASTSCRIPT_H
#define WASM2NATIVE_LIB_WAST_WASTSCRIPT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace w2n {

struct WastCommand {
  enum Kind {
    Module,
    Register,
    Action,
    AssertReturn,
    AssertTrap,
    AssertExhaustion,
    AssertMalformed,
    AssertInvalid,
    AssertUnlinkable,
    AssertUninstantiable,
    AssertException,
    Unknown,
  };
  Kind K = Unknown;
  std::string TypeName; ///< The JSON "type", e.g. "assert_invalid".
  unsigned Line = 0;
  /// The module file (absolute path) for module and assert_* module
  /// commands; empty otherwise.
  std::string ModulePath;
  bool IsBinary = true;   ///< false for text modules (`.wat`)
  std::string ModuleName; ///< `$name` of a module command, if any.
  std::string RegisterAs; ///< register: the name to register under.
  std::string Text;       ///< The expected failure message.
  llvm::json::Value ActionJson = nullptr;   ///< "action", if any.
  llvm::json::Value ExpectedJson = nullptr; ///< "expected", if any.
};

struct WastScript {
  std::string WastPath;
  std::vector<WastCommand> Commands;
};

/// Converts WastPath into WorkDir with the wast2json at Wast2Json (with
/// --enable-extended-const, which the compiler supports, and the extra
/// flags in Flags): returns the path of the JSON command list,
/// WorkDir/<stem>.json, written next to one file per module.
llvm::Expected<std::string> convertWast(llvm::StringRef WastPath,
                                        llvm::StringRef WorkDir,
                                        llvm::StringRef Wast2Json,
                                        llvm::ArrayRef<std::string> Flags);

/// convertWast, then readWastJson.
llvm::Expected<WastScript> loadWastScript(llvm::StringRef WastPath,
                                          llvm::StringRef WorkDir,
                                          llvm::StringRef Wast2Json,
                                          llvm::ArrayRef<std::string> Flags);

/// Reads a JSON command list written by wast2json; module paths are
/// resolved against the directory of JsonPath.
llvm::Expected<WastScript> readWastJson(llvm::StringRef JsonPath);

} // namespace w2n

#endif // WASM2NATIVE_LIB_WAST_WASTSCRIPT_H
