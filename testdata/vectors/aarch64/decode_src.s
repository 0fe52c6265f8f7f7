fmov d0, #1.0
fmov s1, #-2.5
fmov v0.4s, #1.0
tbl v0.16b, {v1.16b, v2.16b}, v3.16b
tbl v0.16b, {v1.16b}, v3.16b
ld1 {v0.16b, v1.16b}, [x0], #32
ld1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x0]
ld1 {v0.b}[3], [x0], #1
ld1r {v0.4s}, [x0]
sys #3, c7, c4, #1, x0
sys #2, c7, c4, #1, x0
udf #0
udf #16
movi d0, #0xff00ff00ff00ff00
movi v0.2d, #0
movi v1.4s, #1, lsl #8
mrs x0, s3_3_c13_c0_2
mrs x0, s3_0_c0_c0_0
mrs x1, s3_3_c9_c9_1
hint #0x50
hint #0x6
dsb #0
dsb #4
dsb #12
isb #3
clrex #3
dmb #0
msr daifset, #2
ldr x0, [x1, x2, lsl #3]
ldrb w0, [x1, x2, lsl #0]
ldrb w0, [x1, x2]
ldr w0, [x1, w2, uxtw #2]
ldr w0, [x1, w2, uxtw]
ldr w0, [x1, x2, sxtx]
ldnp q0, q1, [x0, #32]
prfm pldl1keep, [x0]
prfm #0x1f, [x0]
prfum pldl1keep, [x0, #-1]
prfm pstl2strm, [x0, x1]
add x0, sp, x1
add x0, sp, x1, lsl #2
add x0, x1, w2, uxtw #2
add w0, wsp, w1
cmp sp, x1
subs xzr, xzr, x1
sub x0, xzr, x1, lsl #2
ngc x0, x1
mov x0, #0x5555555555555555
orr x0, xzr, #0xffff
mov w0, #-1
movn w0, #0xffff
movz x0, #0, lsl #16
movn x0, #0, lsl #16
mov v0.16b, v1.16b
umov w0, v1.s[1]
umov x0, v1.d[1]
umov w0, v1.b[1]
smov x0, v1.h[1]
ins v0.s[1], w1
ins v0.s[1], v2.s[0]
dup v0.16b, v1.b[1]
dup v0.2d, x1
mov b0, v1.b[3]
dup d0, v1.d[1]
sxtl v0.8h, v1.8b
sxtl2 v0.8h, v1.16b
ushll v0.8h, v1.8b, #2
xtn2 v0.16b, v1.8h
addv b0, v0.16b
uaddlv h0, v0.16b
umull2 v0.8h, v1.16b, v2.16b
cmeq v0.16b, v1.16b, #0
cmlt v0.4s, v1.4s, #0
mvn v0.16b, v0.16b
rbit v0.16b, v0.16b
fmov x0, v1.d[1]
fmov v1.d[1], x0
fcmp d0, #0.0
fcmpe s0, #0.0
scvtf d0, w0, #16
fcvtzs w0, s0, #3
ret x1
bti c
paciasp
dc zva, x0
ic ivau, x1
mrs x0, tpidr_el0
mrs x0, fpcr
mrs x0, cntvct_el0
mrs x0, dczid_el0
mrs x0, midr_el1
mrs x0, id_aa64isar0_el1
mrs x0, nzcv
msr fpsr, x1
tbz x0, #40, .
cset w0, eq
csetm x0, ne
cinc x0, x1, eq
cneg x0, x1, mi
ror x0, x1, #3
ror w0, w1, w2
stadd w1, [x0]
staddl x1, [x0]
ldaddal w1, w2, [sp]
ldapr w0, [x1]
ldaprb w0, [x1]
swpalb w0, w1, [x2]
casab w0, w1, [x2]
stlxp w0, x1, x2, [x3]
ldxp x1, x2, [x3]
ldlar x0, [x1]
ldr q0, .
ldrsw x0, .
prfm pldl1keep, .
sturb w0, [x1, #-1]
ldtr x0, [x1, #8]
fmov h0, #1.0
fmov h0, h1
faddp s0, v1.2s
addp d0, v1.2d
mov v0.s[1], v2.s[3]
shl d0, d1, #3
cmeq d0, d1, #0
mvni v0.4s, #0x0
bic v0.4s, #0x1, lsl #8
orr v0.8h, #0x1
movi v0.2s, #0xff, msl #8
fmov v0.2d, #-1.0
adr x0, .
adrp x1, .
add w0, w1, #0x10
adds x0, sp, #0x1, lsl #12
subs w0, w1, #4
cmn x2, #3
mov sp, x3
and x0, x1, #0xff
ands w0, w1, #0x3
tst x1, #0x8000000000000000
eor w3, w4, #0x55555555
movk x0, #0x1234, lsl #48
mov x0, #0xffffffffffff0000
sbfx x0, x1, #3, #9
sbfiz w0, w1, #3, #9
sxtb w0, w1
sxth x0, w1
asr w0, w1, #31
ubfx x0, x1, #0, #8
uxtb w0, w1
uxth w0, w1
lsr x0, x1, #63
bfxil x0, x1, #4, #8
bfc w0, #3, #4
extr x0, x1, x2, #17
b.eq .
b.al .
b.nv .
svc #0
brk #0x3e8
nop
yield
wfe
isb
dmb ish
dmb ishld
dsb sy
dsb ishst
clrex
br x16
blr x2
ret
b .
bl .
cbz x0, .
cbnz w1, .
tbnz w3, #7, .
ldxr w0, [x1]
ldaxr x0, [sp]
stxr w2, x0, [x1]
stlxr w2, w0, [x1]
ldxrb w0, [x1]
stlxrh w3, w0, [x1]
ldar x0, [x1]
stlr w0, [x1]
ldarb w0, [x1]
stlrh w0, [x1]
cas x0, x1, [x2]
casal w0, w1, [x2]
ldr w0, .
ldr x0, .
ldr s0, .
ldr d0, .
stp x29, x30, [sp, #-32]!
ldp x29, x30, [sp], #32
ldp w0, w1, [x2, #8]
ldpsw x0, x1, [x2, #-8]
stp q0, q1, [x0, #64]
ldp d0, d1, [x0]
stnp x0, x1, [x2, #16]
ldr x0, [x1, #8]!
str w0, [x1], #-4
ldrsb w0, [x1, #1]
ldrsb x0, [x1, #1]
ldrsh x0, [x1, #2]
ldrsw x0, [x1, #4]
ldr b0, [x1, #1]
ldr h0, [x1, #2]
ldr q0, [x1, #16]
str q0, [sp, #-16]!
ldur q1, [x0, #-3]
ldur x0, [x29, #-8]
stur w0, [x1, #3]
ldr x0, [x1, w2, sxtw #3]
str q0, [x1, x2, lsl #4]
ldr d0, [x1, w2, uxtw #3]
ldadd x0, x1, [x2]
ldclral w0, w1, [x2]
ldeora x0, x1, [x2]
ldsetl w0, w1, [x2]
ldsmaxh w0, w1, [x2]
ldsminb w0, w1, [x2]
ldumax x0, x1, [x2]
ldumin w0, w1, [x2]
swp x0, x1, [x2]
and x0, x1, x2, lsl #3
bic w0, w1, w2
orr x0, x1, x2, ror #5
orn x0, x1, x2
mvn w0, w1
eor x0, x1, x2, asr #3
eon x0, x1, x2
ands x0, x1, x2
bics w0, w1, w2
tst w0, w1, lsr #2
mov x0, x1
add x0, x1, x2, lsl #3
adds w0, w1, w2, asr #3
sub x0, x1, x2
subs x0, x1, x2
cmp w0, w1
cmn x0, x1
neg w0, w1
negs x0, x1
add x0, x1, w2, sxtw
sub sp, sp, x1
cmp x0, w1, uxtb
adds x0, x1, x2, sxtx #2
adc x0, x1, x2
adcs w0, w1, w2
sbc x0, x1, x2
sbcs w0, w1, w2
ngcs w0, w1
ccmp x0, #3, #4, ne
ccmn w0, w1, #0, lt
csel x0, x1, x2, eq
csinc w0, w1, w2, ne
csinv x0, x1, x2, hi
csneg w0, w1, w2, ge
cinv w0, w1, lt
udiv x0, x1, x2
sdiv w0, w1, w2
lsl x0, x1, x2
lsr w0, w1, w2
asr x0, x1, x2
crc32b w0, w1, w2
crc32cx w0, w1, x2
rbit x0, x1
rev16 w0, w1
rev32 x0, x1
rev x0, x1
rev w0, w1
clz x0, x1
cls w0, w1
madd x0, x1, x2, x3
msub w0, w1, w2, w3
mul x0, x1, x2
mneg w0, w1, w2
smaddl x0, w1, w2, x3
smull x0, w1, w2
umsubl x0, w1, w2, x3
umull x0, w1, w2
smulh x0, x1, x2
umulh x0, x1, x2
fmov s0, s1
fabs d0, d1
fneg s0, s1
fsqrt d0, d1
fcvt d0, s1
fcvt s0, d1
fcvt h0, d1
frintn d0, d1
frintp s0, s1
frintm d0, d1
frintz d0, d1
frinta s0, s1
frintx d0, d1
frinti d0, d1
fcmp s0, s1
fcmpe d0, d1
fccmp d0, d1, #4, ne
fccmpe s0, s1, #0, eq
fmul d0, d1, d2
fdiv s0, s1, s2
fadd d0, d1, d2
fsub s0, s1, s2
fmax d0, d1, d2
fmin d0, d1, d2
fmaxnm d0, d1, d2
fminnm s0, s1, s2
fnmul d0, d1, d2
fcsel d0, d1, d2, gt
fmadd d0, d1, d2, d3
fmsub s0, s1, s2, s3
fnmadd d0, d1, d2, d3
fnmsub d0, d1, d2, d3
fcvtzs w0, d1
fcvtzs x0, s1
fcvtzu x0, d1
fcvtns w0, d1
fcvtnu w0, d1
fcvtps x0, d1
fcvtms x0, d1
fcvtas w0, d1
fcvtau x0, s1
scvtf d0, x1
scvtf s0, w1
ucvtf d0, w1
fmov x0, d1
fmov d0, x1
fmov w0, s1
fmov s0, w1
and v0.16b, v1.16b, v2.16b
bic v0.8b, v1.8b, v2.8b
orr v0.16b, v1.16b, v2.16b
orn v0.16b, v1.16b, v2.16b
eor v0.16b, v1.16b, v2.16b
bsl v0.16b, v1.16b, v2.16b
bit v0.8b, v1.8b, v2.8b
bif v0.16b, v1.16b, v2.16b
add v0.4s, v1.4s, v2.4s
add v0.2d, v1.2d, v2.2d
sub v0.8h, v1.8h, v2.8h
mul v0.4s, v1.4s, v2.4s
mla v0.8h, v1.8h, v2.8h
mls v0.4s, v1.4s, v2.4s
cmeq v0.16b, v1.16b, v2.16b
cmhi v0.8h, v1.8h, v2.8h
cmhs v0.4s, v1.4s, v2.4s
cmgt v0.2d, v1.2d, v2.2d
cmge v0.8b, v1.8b, v2.8b
cmtst v0.16b, v1.16b, v2.16b
umax v0.16b, v1.16b, v2.16b
umin v0.8h, v1.8h, v2.8h
smax v0.4s, v1.4s, v2.4s
smin v0.16b, v1.16b, v2.16b
umaxp v0.16b, v1.16b, v2.16b
uminp v0.16b, v1.16b, v2.16b
smaxp v0.4s, v1.4s, v2.4s
sminp v0.8h, v1.8h, v2.8h
addp v0.16b, v1.16b, v2.16b
uqadd v0.16b, v1.16b, v2.16b
uqsub v0.16b, v1.16b, v2.16b
sqadd v0.8h, v1.8h, v2.8h
sqsub v0.4s, v1.4s, v2.4s
ushl v0.2d, v1.2d, v2.2d
sshl v0.4s, v1.4s, v2.4s
uabd v0.16b, v1.16b, v2.16b
sabd v0.8h, v1.8h, v2.8h
fadd v0.4s, v1.4s, v2.4s
fsub v0.2d, v1.2d, v2.2d
fmul v0.2s, v1.2s, v2.2s
fdiv v0.4s, v1.4s, v2.4s
fmla v0.2d, v1.2d, v2.2d
fmls v0.4s, v1.4s, v2.4s
fmax v0.4s, v1.4s, v2.4s
fmin v0.2d, v1.2d, v2.2d
fmaxnm v0.4s, v1.4s, v2.4s
fminnm v0.4s, v1.4s, v2.4s
faddp v0.4s, v1.4s, v2.4s
fmaxp v0.4s, v1.4s, v2.4s
fminp v0.2d, v1.2d, v2.2d
fcmeq v0.4s, v1.4s, v2.4s
fcmge v0.2d, v1.2d, v2.2d
fcmgt v0.4s, v1.4s, v2.4s
fabd v0.4s, v1.4s, v2.4s
rev64 v0.16b, v1.16b
rev32 v0.8h, v1.8h
rev16 v0.16b, v1.16b
cnt v0.16b, v1.16b
cmgt v0.4s, v1.4s, #0
cmge v0.8h, v1.8h, #0
cmle v0.16b, v1.16b, #0
abs v0.4s, v1.4s
neg v0.2d, v1.2d
xtn v0.4h, v1.4s
sqxtn v0.8b, v1.8h
sqxtun v0.8b, v1.8h
uqxtn2 v0.16b, v1.8h
fabs v0.4s, v1.4s
fneg v0.2d, v1.2d
fsqrt v0.4s, v1.4s
scvtf v0.4s, v1.4s
ucvtf v0.2d, v1.2d
fcvtzs v0.4s, v1.4s
fcvtzu v0.2d, v1.2d
frintn v0.4s, v1.4s
frintm v0.2d, v1.2d
frintp v0.4s, v1.4s
frintz v0.2d, v1.2d
frinta v0.4s, v1.4s
frintx v0.2d, v1.2d
frinti v0.4s, v1.4s
saddlv h0, v1.16b
smaxv b0, v1.16b
sminv h0, v1.8h
addv s0, v1.4s
uaddlv s0, v1.8h
umaxv b0, v1.16b
uminv s0, v1.4s
sshr v0.4s, v1.4s, #3
ssra v0.2d, v1.2d, #63
shl v0.8h, v1.8h, #15
shrn2 v0.8h, v1.4s, #16
rshrn v0.2s, v1.2d, #32
sshll v0.4s, v1.4h, #3
ushr v0.16b, v1.16b, #8
usra v0.8b, v1.8b, #1
sri v0.4s, v1.4s, #7
sli v0.2d, v1.2d, #0
uxtl2 v0.2d, v1.4s
saddl v0.8h, v1.8b, v2.8b
saddw2 v0.4s, v1.4s, v2.8h
ssubl v0.2d, v1.2s, v2.2s
ssubw v0.8h, v1.8h, v2.8b
addhn v0.8b, v1.8h, v2.8h
smlal v0.4s, v1.4h, v2.4h
smull2 v0.2d, v1.4s, v2.4s
uaddl v0.8h, v1.8b, v2.8b
uaddw v0.4s, v1.4s, v2.4h
usubl2 v0.8h, v1.16b, v2.16b
usubw v0.2d, v1.2d, v2.2s
raddhn2 v0.16b, v1.8h, v2.8h
umlal v0.8h, v1.8b, v2.8b
umull v0.4s, v1.4h, v2.4h
uzp1 v0.16b, v1.16b, v2.16b
uzp2 v0.8h, v1.8h, v2.8h
trn1 v0.4s, v1.4s, v2.4s
trn2 v0.2d, v1.2d, v2.2d
zip1 v0.8b, v1.8b, v2.8b
zip2 v0.4h, v1.4h, v2.4h
ext v0.8b, v1.8b, v2.8b, #3
tbx v0.8b, {v1.16b, v2.16b, v3.16b}, v4.8b
tbl v0.16b, {v30.16b, v31.16b, v0.16b, v1.16b}, v4.16b
st1 {v0.16b}, [x0]
st1 {v0.4s, v1.4s, v2.4s}, [x0], x2
ld1 {v0.2d}, [x0], #16
ld1 {v31.16b, v0.16b}, [x0]
ld2 {v0.8b, v1.8b}, [x1]
ld4 {v0.16b-v3.16b}, [x1], #64
st1 {v0.d}[1], [x0]
st1 {v0.s}[3], [x0], #4
ld1 {v0.h}[5], [x0], x3
ld1r {v0.8b}, [x0], #1
add d0, d1, d2
sub d0, d1, d2
cmeq d0, d1, d2
cmtst d0, d1, d2
ushr d0, d1, #64
sshr d0, d1, #1
neg d0, d1
dup v0.8b, w1
dup v0.4s, v1.s[3]
smov w0, v1.b[15]
movi v0.8b, #0xff
movi v0.16b, #0x0
mvni v0.8h, #0xf0, lsl #8
movi v0.4h, #0x1
orr v0.4s, #0x1, lsl #24
bic v0.4h, #0x3
mvni v0.4s, #0x1, msl #16
fmov v0.2s, #0.5
mrs x0, ctr_el0
mrs x0, cntfrq_el0
mrs x0, id_aa64pfr0_el1
msr tpidr_el0, x0
msr fpcr, x1
msr nzcv, x2
hint #0x22
autiasp
xpaclri
bti j
bti jc
pacia1716
