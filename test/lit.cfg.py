# -*- Python -*-
"""lit configuration of the wasm2native tool tests (test/lit/ and any lit
tests under test/spec/). The unit tests are a suite of their own (unit/)."""

import os

import lit.formats

# The per-directory check-wasm2native-* targets point lit at the source tree,
# where there is no site config: load the one from the build tree, which
# loads this file again with the paths set.
if not hasattr(config, "wasm2native_obj_root"):
    site_config = lit_config.params.get("wasm2native_site_config")
    if not site_config:
        lit_config.fatal(
            "no site config: run the tests through `cmake --build build "
            "--target check-wasm2native` or pass "
            "--param wasm2native_site_config=BUILD/test/lit.site.cfg.py"
        )
    lit_config.load_config(config, site_config)
    raise SystemExit

from lit.llvm import llvm_config

config.name = "wasm2native"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)

# Tests are .test files and .wat modules with RUN lines in `;;` comments.
config.suffixes = [".test", ".wat"]
# Shared inputs and files that are not tests.
config.excludes = ["Inputs", "CMakeLists.txt", "README.txt", "README.md",
                   "lit.cfg.py", "lit.site.cfg.py", "fuzz"]

config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.wasm2native_obj_root, "test")

# Our tools first, then FileCheck, not, count and split-file from LLVM.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.wasm2native_tools_dir,
                             append_path=True)
llvm_config.use_default_substitutions()

config.substitutions.append(("%wat2wasm", config.wat2wasm))
# The source tree, for checks of the sources themselves (lit/layering).
config.substitutions.append(("%src_root", config.wasm2native_src_root))

# C and C++ hosts of the embedding API, built against the build tree:
# %host-cc/%host-cxx compile with its headers, %runtime-static links the
# static runtime (with %host-cxx, since it is C++).
runtime_include = os.path.join(config.wasm2native_src_root, "runtime-support",
                               "include")
config.substitutions.append(
    ("%host-cc", "%s -I%s" % (config.c_compiler, runtime_include)))
config.substitutions.append(
    ("%host-cxx", "%s -I%s" % (config.cxx_compiler, runtime_include)))
config.substitutions.append(
    ("%runtime-static",
     "%s -ldl -lpthread" % os.path.join(config.runtime_lib_dir,
                                        "libwasm2native-runtime.a")))
if config.wast2json:
    config.substitutions.append(("%wast2json", config.wast2json))
    config.available_features.add("wast2json")

# The spec suite sits next to the repository (see design.md); lit tests that
# need it are marked `REQUIRES: testsuite`.
testsuite = os.environ.get(
    "WASM_TESTSUITE",
    os.path.join(config.wasm2native_src_root, os.pardir, "shared",
                 "wasm-testsuite"))
if os.path.isdir(os.path.join(testsuite, "core")):
    config.substitutions.append(("%testsuite", os.path.abspath(testsuite)))
    config.available_features.add("testsuite")

# The WebAssembly 3.0 suite (../shared/wasm-spec): `REQUIRES: spec3`.
spec3 = os.environ.get(
    "WASM_SPEC",
    os.path.join(config.wasm2native_src_root, os.pardir, "shared",
                 "wasm-spec"))
if os.path.isdir(os.path.join(spec3, "core")):
    config.substitutions.append(("%spec3", os.path.abspath(spec3)))
    config.available_features.add("spec3")

# Tests that compare what runs here with the default target of `compile`
# (x86_64-unknown-linux-gnu) need that host.
import platform
import sys
if platform.machine() == "x86_64" and sys.platform.startswith("linux"):
    config.available_features.add("x86_64-linux")
