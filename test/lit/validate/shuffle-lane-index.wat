;; i8x16.shuffle's lane immediates must be below 32; the last is 255. The
;; message prints the index as a number (it once printed the raw byte),
;; at the offset of the 16 lane bytes (0x1f: after the opcode fd 0d).
;; RUN: %wat2wasm --no-check %s -o %t.wasm
;; RUN: not wasm2native validate %t.wasm 2>&1 | FileCheck %s

;; CHECK: {{.*}}.wasm:0x1f: error: invalid lane index 255{{$}}

(module
  (func (param v128) (result v128)
    (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 255
      (local.get 0) (local.get 0))))
