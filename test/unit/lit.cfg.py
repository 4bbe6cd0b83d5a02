# -*- Python -*-
"""lit configuration of the GoogleTest unit tests, after lld/test/Unit: every
executable named *unittests in the unit test directory is run, one lit test
per GoogleTest test."""

import os

import lit.formats

# See test/lit.cfg.py: a run on the source tree loads the build's site config.
if not hasattr(config, "wasm2native_unittests_dir"):
    site_config = lit_config.params.get("wasm2native_unit_site_config")
    if not site_config:
        lit_config.fatal(
            "no site config: run the tests through `cmake --build build "
            "--target check-wasm2native` or pass --param "
            "wasm2native_unit_site_config=BUILD/test/unit/lit.site.cfg.py"
        )
    lit_config.load_config(config, site_config)
    raise SystemExit

config.name = "wasm2native-unit"
config.suffixes = []

config.test_exec_root = config.wasm2native_unittests_dir
config.test_source_root = config.test_exec_root

config.test_format = lit.formats.GoogleTest(config.llvm_build_mode,
                                            "unittests")
