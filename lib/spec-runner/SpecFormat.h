//===- SpecFormat.h - The prepared spec command list ------------*- C++ -*-===//
///
/// \file
/// The one definition of the file that connects the two halves of the spec
/// runner: the host half (`wasm2native wast`, with the compiler) writes it,
/// the device half (w2nSpecRunner: `wasm2native-run --spec`, and
/// `wasm2native wast` itself in process) reads it.
///
/// A prepared command list is wast2json's JSON (wabt's docs/wast2json.md)
/// with these changes, all made by the host:
///
/// \code
///   {"source_filename": "core/i32.wast",          the .wast as given
///    "wasm2native": {"version": 1,                FormatVersion
///                    "target": "riscv64-unknown-linux-gnu",
///                    "bounds_checks": "explicit", "opt_level": 2},
///    "commands": [
///      {"type": "module", "line": 3, "filename": "i32.0.so"},
///      {"type": "assert_invalid", "line": 9, "filename": "i32.1.wasm",
///       "host": {"passed": true}},
///      {"type": "module", "line": 12, "filename": "x.2.wasm",
///       "host": {"passed": false, "message": "compilation failed: ..."}},
///      ...]}
/// \endcode
///
/// - Every binary module the runner instantiates (`module`,
///   `assert_unlinkable`, `assert_uninstantiable`) is compiled on the host;
///   its "filename" names the shared object, relative to the JSON file.
/// - A command the host has already decided carries "host": the binary
///   `assert_malformed`/`assert_invalid` commands (decoding or validation
///   must fail: only the compiler can check that), and any module that
///   failed to decode, validate or compile (the runner fails the command
///   with "message"). Text modules (`module_type` "text") test the text
///   parser and are not counted, as before.
/// - Everything else (actions, expected values) is wast2json's, untouched.
///
/// This header has no dependencies, so that both halves can include it.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_LIB_SPECRUNNER_SPECFORMAT_H
#define WASM2NATIVE_LIB_SPECRUNNER_SPECFORMAT_H

namespace w2n::spec {

/// The top-level object that marks a prepared list, and its version.
inline constexpr const char *MetaKey = "wasm2native";
inline constexpr int FormatVersion = 1;

/// The host's verdict on a command: {"passed": bool, "message": string}.
inline constexpr const char *HostKey = "host";
inline constexpr const char *HostPassedKey = "passed";
inline constexpr const char *HostMessageKey = "message";

/// The extension of compiled modules in a prepared list's directory.
inline constexpr const char *ModuleExtension = ".so";

} // namespace w2n::spec

#endif // WASM2NATIVE_LIB_SPECRUNNER_SPECFORMAT_H
