//===- SpecRunner.h - Run prepared spec command lists -----------*- C++ -*-===//
///
/// \file
/// The execution half of the spec runner (w2nSpecRunner), built from
/// runtime-support alone: it reads a prepared command list (SpecFormat.h)
/// whose modules are already compiled shared objects, and runs it the way
/// `wasmtime wast` runs a script: one store per list, with the `spectest`
/// module defined; `module`, `register`, `action`, `assert_return`,
/// `assert_trap`, `assert_exhaustion`, `assert_unlinkable` and
/// `assert_uninstantiable` are executed, and the commands the host has
/// already decided (binary `assert_malformed`/`assert_invalid`, modules
/// that did not compile) are counted with the host's verdict.
///
/// `wasm2native wast` runs it in process after compiling (for the host);
/// `wasm2native-run --spec` runs it on a device. Both print the same:
///
/// \code
///   SOURCE.wast: N passed, N failed       one line per list, then
///     NAME.wast:LINE: COMMAND: WHAT       one line per failed command
///   N passed, N failed                    the last line, over all lists
/// \endcode
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_LIB_SPECRUNNER_SPECRUNNER_H
#define WASM2NATIVE_LIB_SPECRUNNER_SPECRUNNER_H

#include <cstdio>
#include <string>
#include <vector>

namespace w2n::spec {

struct Counts {
  unsigned Passed = 0;
  unsigned Failed = 0;
  Counts &operator+=(const Counts &O) {
    Passed += O.Passed;
    Failed += O.Failed;
    return *this;
  }
};

struct ListResult {
  /// The list's "source_filename" (the .wast), else the JSON path.
  std::string Source;
  Counts C;
  /// One line per failed command ("  NAME.wast:LINE: COMMAND: WHAT\n").
  std::string Failures;
  /// Set if the list could not be run at all (unreadable, not prepared,
  /// no spectest module); C is then empty and the caller counts one
  /// failure.
  std::string Error;
};

/// Runs the prepared command list at JsonPath (module files are relative
/// to its directory).
ListResult runCommandList(const std::string &JsonPath);

/// The report of R, as printed for each list: the counts line (or
/// "SOURCE: error: ..."), then the failure lines.
std::string formatResult(const ListResult &R);

/// Runs each list in order and prints the reports and the total line to
/// Out; returns the exit status (0 when every command passed, else 1).
int runCommandLists(const std::vector<std::string> &JsonPaths, std::FILE *Out);

} // namespace w2n::spec

#endif // WASM2NATIVE_LIB_SPECRUNNER_SPECRUNNER_H
