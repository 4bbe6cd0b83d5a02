;; A guard-region fault is a trap even when the faulting code keeps data in
;; the frame pointer register: at -O2 with --fuel --epoch this nested store
;; loop keeps -8 there, and the trap handler's walk of the frame-pointer
;; chain used to read address -8 and crash the process (status 139). Found
;; by scripts/fuzz-diff.sh (a `mem` module, minimised by wasm-reduce);
;; FakeModuleTest.GuardFaultWithDataInTheFramePointerIsATrap is the runtime
;; test. The stores start 4 bytes below 4 GiB, so the first one faults.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: sh -c 'wasm2native run --cache-dir %t.cache -O2 --fuel 1000000000 --epoch --invoke nested %t.wasm 4294967292 513 0 2>%t.err; echo "status $?"' \
;; RUN:   | FileCheck %s --check-prefix=STATUS
;; RUN: FileCheck %s < %t.err

;; STATUS: status 134
;; CHECK: wasm2native: trap: out of bounds memory access in nested

(module
  (memory 1 3)
  (global $g (mut i32) (i32.const 0))
  (func $nested (export "nested") (param $p i32) (param $n i32) (param $v i32)
    (result i32)
    (local $i i32) (local $j i32)
    (loop $outer
      (if (i32.gt_u (local.get $n) (local.get $i))
        (then
          (local.set $j (i32.const 0))
          (loop $inner
            (i32.store8
              (i32.add (local.get $p)
                       (i32.add (local.get $j)
                                (i32.shl (local.get $i) (i32.const 3))))
              (i32.add (local.get $v) (local.get $j)))
            (br_if $inner
              (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1)))
                        (i32.const 8))))
          (global.set $g (i32.const 0))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $outer))))
    (local.get $i)))
