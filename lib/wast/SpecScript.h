//===- SpecScript.h - Scripts converted by the reference interpreter -*- C++
//-*-===//
///
/// \file
/// Loads a WebAssembly 3.0 `.wast` script with the spec's reference
/// interpreter: `wasm -d SCRIPT -o OUT` writes the script again with every
/// module in binary form (`(module definition $M binary "...")` followed
/// by `(module instance ...)`), and this file reads that S-expression
/// script (SExpr.h) into the same JSON command list as wast2json's, plus
/// one `.wasm` file per module, so that the rest of the harness does not
/// care which converter ran.
///
/// The list uses wast2json's schema (wabt docs/wast2json.md) with these
/// additions for 3.0 scripts:
///
/// - `{"type": "module_definition", "filename": F, "name": "$M"}`: a
///   module that must decode, validate and compile; instantiated by
///   `{"type": "module", "filename": F, "name": "$I"}` commands, one per
///   `module instance` (a definition may be instantiated several times).
/// - `assert_trap` of a `module instance` becomes wast2json's
///   `assert_uninstantiable`, and `assert_exception` has an "action".
/// - Reference values name their heap type: "funcref", "externref",
///   "anyref", "eqref", "i31ref", "structref", "arrayref", "exnref",
///   "nullref", "nullfuncref", "nullexternref", "nullexnref", "hostref",
///   and "ref" for `(ref.null)` of any type. A value is "null", a number
///   (`ref.extern N`, `ref.host N`), or absent for any non-null reference.
/// - Numbers are decimal strings of the value's bits, as in wast2json;
///   floats may also be "nan:canonical" or "nan:arithmetic".
///
/// Each command's "line" is that of the original script when the two
/// scripts' commands correspond one to one (they do for the spec suite);
/// otherwise it is the line in the converted script.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_LIB_WAST_SPECSCRIPT_H
#define WASM2NATIVE_LIB_WAST_SPECSCRIPT_H

#include "wast/SExpr.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>

namespace w2n {

/// Translates one script value (`(i32.const 0x1)`, `(v128.const f32x4 ...)`,
/// `(ref.null func)`, `(either ...)`, ...) to its JSON form.
llvm::Expected<llvm::json::Value> translateScriptValue(const SExpr &V);

/// Translates the converted script Converted (the text `wasm -d` wrote)
/// into a JSON command list, writing its modules into ModuleDir as
/// STEM.N.wasm. Original is the text of the original script (for line
/// numbers), or empty.
llvm::Expected<llvm::json::Value>
translateSpecScript(llvm::StringRef Converted, llvm::StringRef Original,
                    llvm::StringRef Stem, llvm::StringRef ModuleDir);

/// Converts WastPath with the reference interpreter at Interpreter into
/// WorkDir: returns the path of the JSON command list, WorkDir/STEM.json.
llvm::Expected<std::string>
convertWithSpecInterpreter(llvm::StringRef WastPath, llvm::StringRef WorkDir,
                           llvm::StringRef Interpreter);

} // namespace w2n

#endif // WASM2NATIVE_LIB_WAST_SPECSCRIPT_H
