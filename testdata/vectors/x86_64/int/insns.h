/* x86-64 instructions for gen_int.c: T(name, AT&T text) and the flags each defines. */
#ifndef MASK_add64
#define MASK_add64 (ALL)
#endif
#ifndef MASK_add64m
#define MASK_add64m (ALL)
#endif
#ifndef MASK_add32
#define MASK_add32 (ALL)
#endif
#ifndef MASK_add32m
#define MASK_add32m (ALL)
#endif
#ifndef MASK_add16
#define MASK_add16 (ALL)
#endif
#ifndef MASK_add16m
#define MASK_add16m (ALL)
#endif
#ifndef MASK_add8
#define MASK_add8 (ALL)
#endif
#ifndef MASK_add8m
#define MASK_add8m (ALL)
#endif
#ifndef MASK_add64i8
#define MASK_add64i8 (ALL)
#endif
#ifndef MASK_add64i32
#define MASK_add64i32 (ALL)
#endif
#ifndef MASK_add32i
#define MASK_add32i (ALL)
#endif
#ifndef MASK_add8h
#define MASK_add8h (ALL)
#endif
#ifndef MASK_adc64
#define MASK_adc64 (ALL)
#endif
#ifndef MASK_adc64m
#define MASK_adc64m (ALL)
#endif
#ifndef MASK_adc32
#define MASK_adc32 (ALL)
#endif
#ifndef MASK_adc32m
#define MASK_adc32m (ALL)
#endif
#ifndef MASK_adc16
#define MASK_adc16 (ALL)
#endif
#ifndef MASK_adc16m
#define MASK_adc16m (ALL)
#endif
#ifndef MASK_adc8
#define MASK_adc8 (ALL)
#endif
#ifndef MASK_adc8m
#define MASK_adc8m (ALL)
#endif
#ifndef MASK_adc64i8
#define MASK_adc64i8 (ALL)
#endif
#ifndef MASK_adc64i32
#define MASK_adc64i32 (ALL)
#endif
#ifndef MASK_adc32i
#define MASK_adc32i (ALL)
#endif
#ifndef MASK_adc8h
#define MASK_adc8h (ALL)
#endif
#ifndef MASK_sub64
#define MASK_sub64 (ALL)
#endif
#ifndef MASK_sub64m
#define MASK_sub64m (ALL)
#endif
#ifndef MASK_sub32
#define MASK_sub32 (ALL)
#endif
#ifndef MASK_sub32m
#define MASK_sub32m (ALL)
#endif
#ifndef MASK_sub16
#define MASK_sub16 (ALL)
#endif
#ifndef MASK_sub16m
#define MASK_sub16m (ALL)
#endif
#ifndef MASK_sub8
#define MASK_sub8 (ALL)
#endif
#ifndef MASK_sub8m
#define MASK_sub8m (ALL)
#endif
#ifndef MASK_sub64i8
#define MASK_sub64i8 (ALL)
#endif
#ifndef MASK_sub64i32
#define MASK_sub64i32 (ALL)
#endif
#ifndef MASK_sub32i
#define MASK_sub32i (ALL)
#endif
#ifndef MASK_sub8h
#define MASK_sub8h (ALL)
#endif
#ifndef MASK_sbb64
#define MASK_sbb64 (ALL)
#endif
#ifndef MASK_sbb64m
#define MASK_sbb64m (ALL)
#endif
#ifndef MASK_sbb32
#define MASK_sbb32 (ALL)
#endif
#ifndef MASK_sbb32m
#define MASK_sbb32m (ALL)
#endif
#ifndef MASK_sbb16
#define MASK_sbb16 (ALL)
#endif
#ifndef MASK_sbb16m
#define MASK_sbb16m (ALL)
#endif
#ifndef MASK_sbb8
#define MASK_sbb8 (ALL)
#endif
#ifndef MASK_sbb8m
#define MASK_sbb8m (ALL)
#endif
#ifndef MASK_sbb64i8
#define MASK_sbb64i8 (ALL)
#endif
#ifndef MASK_sbb64i32
#define MASK_sbb64i32 (ALL)
#endif
#ifndef MASK_sbb32i
#define MASK_sbb32i (ALL)
#endif
#ifndef MASK_sbb8h
#define MASK_sbb8h (ALL)
#endif
#ifndef MASK_cmp64
#define MASK_cmp64 (ALL)
#endif
#ifndef MASK_cmp64m
#define MASK_cmp64m (ALL)
#endif
#ifndef MASK_cmp32
#define MASK_cmp32 (ALL)
#endif
#ifndef MASK_cmp32m
#define MASK_cmp32m (ALL)
#endif
#ifndef MASK_cmp16
#define MASK_cmp16 (ALL)
#endif
#ifndef MASK_cmp16m
#define MASK_cmp16m (ALL)
#endif
#ifndef MASK_cmp8
#define MASK_cmp8 (ALL)
#endif
#ifndef MASK_cmp8m
#define MASK_cmp8m (ALL)
#endif
#ifndef MASK_cmp64i8
#define MASK_cmp64i8 (ALL)
#endif
#ifndef MASK_cmp64i32
#define MASK_cmp64i32 (ALL)
#endif
#ifndef MASK_cmp32i
#define MASK_cmp32i (ALL)
#endif
#ifndef MASK_cmp8h
#define MASK_cmp8h (ALL)
#endif
#ifndef MASK_and64
#define MASK_and64 (LOGIC)
#endif
#ifndef MASK_and64m
#define MASK_and64m (LOGIC)
#endif
#ifndef MASK_and32
#define MASK_and32 (LOGIC)
#endif
#ifndef MASK_and32m
#define MASK_and32m (LOGIC)
#endif
#ifndef MASK_and16
#define MASK_and16 (LOGIC)
#endif
#ifndef MASK_and16m
#define MASK_and16m (LOGIC)
#endif
#ifndef MASK_and8
#define MASK_and8 (LOGIC)
#endif
#ifndef MASK_and8m
#define MASK_and8m (LOGIC)
#endif
#ifndef MASK_and64i8
#define MASK_and64i8 (LOGIC)
#endif
#ifndef MASK_and64i32
#define MASK_and64i32 (LOGIC)
#endif
#ifndef MASK_and32i
#define MASK_and32i (LOGIC)
#endif
#ifndef MASK_and8h
#define MASK_and8h (LOGIC)
#endif
#ifndef MASK_or64
#define MASK_or64 (LOGIC)
#endif
#ifndef MASK_or64m
#define MASK_or64m (LOGIC)
#endif
#ifndef MASK_or32
#define MASK_or32 (LOGIC)
#endif
#ifndef MASK_or32m
#define MASK_or32m (LOGIC)
#endif
#ifndef MASK_or16
#define MASK_or16 (LOGIC)
#endif
#ifndef MASK_or16m
#define MASK_or16m (LOGIC)
#endif
#ifndef MASK_or8
#define MASK_or8 (LOGIC)
#endif
#ifndef MASK_or8m
#define MASK_or8m (LOGIC)
#endif
#ifndef MASK_or64i8
#define MASK_or64i8 (LOGIC)
#endif
#ifndef MASK_or64i32
#define MASK_or64i32 (LOGIC)
#endif
#ifndef MASK_or32i
#define MASK_or32i (LOGIC)
#endif
#ifndef MASK_or8h
#define MASK_or8h (LOGIC)
#endif
#ifndef MASK_xor64
#define MASK_xor64 (LOGIC)
#endif
#ifndef MASK_xor64m
#define MASK_xor64m (LOGIC)
#endif
#ifndef MASK_xor32
#define MASK_xor32 (LOGIC)
#endif
#ifndef MASK_xor32m
#define MASK_xor32m (LOGIC)
#endif
#ifndef MASK_xor16
#define MASK_xor16 (LOGIC)
#endif
#ifndef MASK_xor16m
#define MASK_xor16m (LOGIC)
#endif
#ifndef MASK_xor8
#define MASK_xor8 (LOGIC)
#endif
#ifndef MASK_xor8m
#define MASK_xor8m (LOGIC)
#endif
#ifndef MASK_xor64i8
#define MASK_xor64i8 (LOGIC)
#endif
#ifndef MASK_xor64i32
#define MASK_xor64i32 (LOGIC)
#endif
#ifndef MASK_xor32i
#define MASK_xor32i (LOGIC)
#endif
#ifndef MASK_xor8h
#define MASK_xor8h (LOGIC)
#endif
#ifndef MASK_test64
#define MASK_test64 (LOGIC)
#endif
#ifndef MASK_test64m
#define MASK_test64m (LOGIC)
#endif
#ifndef MASK_test32
#define MASK_test32 (LOGIC)
#endif
#ifndef MASK_test32m
#define MASK_test32m (LOGIC)
#endif
#ifndef MASK_test16
#define MASK_test16 (LOGIC)
#endif
#ifndef MASK_test16m
#define MASK_test16m (LOGIC)
#endif
#ifndef MASK_test8
#define MASK_test8 (LOGIC)
#endif
#ifndef MASK_test8m
#define MASK_test8m (LOGIC)
#endif
#ifndef MASK_test64i8
#define MASK_test64i8 (LOGIC)
#endif
#ifndef MASK_test64i32
#define MASK_test64i32 (LOGIC)
#endif
#ifndef MASK_test32i
#define MASK_test32i (LOGIC)
#endif
#ifndef MASK_test8h
#define MASK_test8h (LOGIC)
#endif
#ifndef MASK_inc64
#define MASK_inc64 (ALL)
#endif
#ifndef MASK_inc32
#define MASK_inc32 (ALL)
#endif
#ifndef MASK_inc16
#define MASK_inc16 (ALL)
#endif
#ifndef MASK_inc8
#define MASK_inc8 (ALL)
#endif
#ifndef MASK_inc64m
#define MASK_inc64m (ALL)
#endif
#ifndef MASK_inc8h
#define MASK_inc8h (ALL)
#endif
#ifndef MASK_dec64
#define MASK_dec64 (ALL)
#endif
#ifndef MASK_dec32
#define MASK_dec32 (ALL)
#endif
#ifndef MASK_dec16
#define MASK_dec16 (ALL)
#endif
#ifndef MASK_dec8
#define MASK_dec8 (ALL)
#endif
#ifndef MASK_dec64m
#define MASK_dec64m (ALL)
#endif
#ifndef MASK_dec8h
#define MASK_dec8h (ALL)
#endif
#ifndef MASK_neg64
#define MASK_neg64 (ALL)
#endif
#ifndef MASK_neg32
#define MASK_neg32 (ALL)
#endif
#ifndef MASK_neg16
#define MASK_neg16 (ALL)
#endif
#ifndef MASK_neg8
#define MASK_neg8 (ALL)
#endif
#ifndef MASK_neg64m
#define MASK_neg64m (ALL)
#endif
#ifndef MASK_neg8h
#define MASK_neg8h (ALL)
#endif
#ifndef MASK_not64
#define MASK_not64 (NONE)
#endif
#ifndef MASK_not32
#define MASK_not32 (NONE)
#endif
#ifndef MASK_not16
#define MASK_not16 (NONE)
#endif
#ifndef MASK_not8
#define MASK_not8 (NONE)
#endif
#ifndef MASK_not64m
#define MASK_not64m (NONE)
#endif
#ifndef MASK_not8h
#define MASK_not8h (NONE)
#endif
#ifndef MASK_mul64
#define MASK_mul64 (MULF)
#endif
#ifndef MASK_mul32
#define MASK_mul32 (MULF)
#endif
#ifndef MASK_mul16
#define MASK_mul16 (MULF)
#endif
#ifndef MASK_mul8
#define MASK_mul8 (MULF)
#endif
#ifndef MASK_mul64m
#define MASK_mul64m (MULF)
#endif
#ifndef MASK_imul64
#define MASK_imul64 (MULF)
#endif
#ifndef MASK_imul32
#define MASK_imul32 (MULF)
#endif
#ifndef MASK_imul16
#define MASK_imul16 (MULF)
#endif
#ifndef MASK_imul8
#define MASK_imul8 (MULF)
#endif
#ifndef MASK_imul64m
#define MASK_imul64m (MULF)
#endif
#ifndef MASK_div64
#define MASK_div64 (NONE)
#endif
#ifndef MASK_div32
#define MASK_div32 (NONE)
#endif
#ifndef MASK_div16
#define MASK_div16 (NONE)
#endif
#ifndef MASK_div8
#define MASK_div8 (NONE)
#endif
#ifndef MASK_div64m
#define MASK_div64m (NONE)
#endif
#ifndef MASK_idiv64
#define MASK_idiv64 (NONE)
#endif
#ifndef MASK_idiv32
#define MASK_idiv32 (NONE)
#endif
#ifndef MASK_idiv16
#define MASK_idiv16 (NONE)
#endif
#ifndef MASK_idiv8
#define MASK_idiv8 (NONE)
#endif
#ifndef MASK_idiv64m
#define MASK_idiv64m (NONE)
#endif
#ifndef MASK_imul2_64
#define MASK_imul2_64 (MULF)
#endif
#ifndef MASK_imul3_64
#define MASK_imul3_64 (MULF)
#endif
#ifndef MASK_imul2_32
#define MASK_imul2_32 (MULF)
#endif
#ifndef MASK_imul3_32
#define MASK_imul3_32 (MULF)
#endif
#ifndef MASK_imul2_16
#define MASK_imul2_16 (MULF)
#endif
#ifndef MASK_imul3_16
#define MASK_imul3_16 (MULF)
#endif
#ifndef MASK_imul3_64b
#define MASK_imul3_64b (MULF)
#endif
#ifndef MASK_shl64cl
#define MASK_shl64cl (SHIFT)
#endif
#ifndef MASK_shl64i
#define MASK_shl64i (SHIFT)
#endif
#ifndef MASK_shl641
#define MASK_shl641 (ALL&~0x10)
#endif
#ifndef MASK_shl32cl
#define MASK_shl32cl (SHIFT)
#endif
#ifndef MASK_shl32i
#define MASK_shl32i (SHIFT)
#endif
#ifndef MASK_shl321
#define MASK_shl321 (ALL&~0x10)
#endif
#ifndef MASK_shl16cl
#define MASK_shl16cl (SHIFT)
#endif
#ifndef MASK_shl16i
#define MASK_shl16i (SHIFT)
#endif
#ifndef MASK_shl161
#define MASK_shl161 (ALL&~0x10)
#endif
#ifndef MASK_shl8cl
#define MASK_shl8cl (SHIFT)
#endif
#ifndef MASK_shl8i
#define MASK_shl8i (SHIFT)
#endif
#ifndef MASK_shl81
#define MASK_shl81 (ALL&~0x10)
#endif
#ifndef MASK_shl64m
#define MASK_shl64m (SHIFT)
#endif
#ifndef MASK_shr64cl
#define MASK_shr64cl (SHIFT)
#endif
#ifndef MASK_shr64i
#define MASK_shr64i (SHIFT)
#endif
#ifndef MASK_shr641
#define MASK_shr641 (ALL&~0x10)
#endif
#ifndef MASK_shr32cl
#define MASK_shr32cl (SHIFT)
#endif
#ifndef MASK_shr32i
#define MASK_shr32i (SHIFT)
#endif
#ifndef MASK_shr321
#define MASK_shr321 (ALL&~0x10)
#endif
#ifndef MASK_shr16cl
#define MASK_shr16cl (SHIFT)
#endif
#ifndef MASK_shr16i
#define MASK_shr16i (SHIFT)
#endif
#ifndef MASK_shr161
#define MASK_shr161 (ALL&~0x10)
#endif
#ifndef MASK_shr8cl
#define MASK_shr8cl (SHIFT)
#endif
#ifndef MASK_shr8i
#define MASK_shr8i (SHIFT)
#endif
#ifndef MASK_shr81
#define MASK_shr81 (ALL&~0x10)
#endif
#ifndef MASK_shr64m
#define MASK_shr64m (SHIFT)
#endif
#ifndef MASK_sar64cl
#define MASK_sar64cl (SHIFT)
#endif
#ifndef MASK_sar64i
#define MASK_sar64i (SHIFT)
#endif
#ifndef MASK_sar641
#define MASK_sar641 (ALL&~0x10)
#endif
#ifndef MASK_sar32cl
#define MASK_sar32cl (SHIFT)
#endif
#ifndef MASK_sar32i
#define MASK_sar32i (SHIFT)
#endif
#ifndef MASK_sar321
#define MASK_sar321 (ALL&~0x10)
#endif
#ifndef MASK_sar16cl
#define MASK_sar16cl (SHIFT)
#endif
#ifndef MASK_sar16i
#define MASK_sar16i (SHIFT)
#endif
#ifndef MASK_sar161
#define MASK_sar161 (ALL&~0x10)
#endif
#ifndef MASK_sar8cl
#define MASK_sar8cl (SHIFT)
#endif
#ifndef MASK_sar8i
#define MASK_sar8i (SHIFT)
#endif
#ifndef MASK_sar81
#define MASK_sar81 (ALL&~0x10)
#endif
#ifndef MASK_sar64m
#define MASK_sar64m (SHIFT)
#endif
#ifndef MASK_rol64cl
#define MASK_rol64cl (CFO)
#endif
#ifndef MASK_rol64i
#define MASK_rol64i (CFO)
#endif
#ifndef MASK_rol641
#define MASK_rol641 (CFO|0x800)
#endif
#ifndef MASK_rol32cl
#define MASK_rol32cl (CFO)
#endif
#ifndef MASK_rol32i
#define MASK_rol32i (CFO)
#endif
#ifndef MASK_rol321
#define MASK_rol321 (CFO|0x800)
#endif
#ifndef MASK_rol16cl
#define MASK_rol16cl (CFO)
#endif
#ifndef MASK_rol16i
#define MASK_rol16i (CFO)
#endif
#ifndef MASK_rol161
#define MASK_rol161 (CFO|0x800)
#endif
#ifndef MASK_rol8cl
#define MASK_rol8cl (CFO)
#endif
#ifndef MASK_rol8i
#define MASK_rol8i (CFO)
#endif
#ifndef MASK_rol81
#define MASK_rol81 (CFO|0x800)
#endif
#ifndef MASK_rol64m
#define MASK_rol64m (CFO)
#endif
#ifndef MASK_ror64cl
#define MASK_ror64cl (CFO)
#endif
#ifndef MASK_ror64i
#define MASK_ror64i (CFO)
#endif
#ifndef MASK_ror641
#define MASK_ror641 (CFO|0x800)
#endif
#ifndef MASK_ror32cl
#define MASK_ror32cl (CFO)
#endif
#ifndef MASK_ror32i
#define MASK_ror32i (CFO)
#endif
#ifndef MASK_ror321
#define MASK_ror321 (CFO|0x800)
#endif
#ifndef MASK_ror16cl
#define MASK_ror16cl (CFO)
#endif
#ifndef MASK_ror16i
#define MASK_ror16i (CFO)
#endif
#ifndef MASK_ror161
#define MASK_ror161 (CFO|0x800)
#endif
#ifndef MASK_ror8cl
#define MASK_ror8cl (CFO)
#endif
#ifndef MASK_ror8i
#define MASK_ror8i (CFO)
#endif
#ifndef MASK_ror81
#define MASK_ror81 (CFO|0x800)
#endif
#ifndef MASK_ror64m
#define MASK_ror64m (CFO)
#endif
#ifndef MASK_rcl64cl
#define MASK_rcl64cl (CFO)
#endif
#ifndef MASK_rcl64i
#define MASK_rcl64i (CFO)
#endif
#ifndef MASK_rcl641
#define MASK_rcl641 (CFO|0x800)
#endif
#ifndef MASK_rcl32cl
#define MASK_rcl32cl (CFO)
#endif
#ifndef MASK_rcl32i
#define MASK_rcl32i (CFO)
#endif
#ifndef MASK_rcl321
#define MASK_rcl321 (CFO|0x800)
#endif
#ifndef MASK_rcl16cl
#define MASK_rcl16cl (CFO)
#endif
#ifndef MASK_rcl16i
#define MASK_rcl16i (CFO)
#endif
#ifndef MASK_rcl161
#define MASK_rcl161 (CFO|0x800)
#endif
#ifndef MASK_rcl8cl
#define MASK_rcl8cl (CFO)
#endif
#ifndef MASK_rcl8i
#define MASK_rcl8i (CFO)
#endif
#ifndef MASK_rcl81
#define MASK_rcl81 (CFO|0x800)
#endif
#ifndef MASK_rcl64m
#define MASK_rcl64m (CFO)
#endif
#ifndef MASK_rcr64cl
#define MASK_rcr64cl (CFO)
#endif
#ifndef MASK_rcr64i
#define MASK_rcr64i (CFO)
#endif
#ifndef MASK_rcr641
#define MASK_rcr641 (CFO|0x800)
#endif
#ifndef MASK_rcr32cl
#define MASK_rcr32cl (CFO)
#endif
#ifndef MASK_rcr32i
#define MASK_rcr32i (CFO)
#endif
#ifndef MASK_rcr321
#define MASK_rcr321 (CFO|0x800)
#endif
#ifndef MASK_rcr16cl
#define MASK_rcr16cl (CFO)
#endif
#ifndef MASK_rcr16i
#define MASK_rcr16i (CFO)
#endif
#ifndef MASK_rcr161
#define MASK_rcr161 (CFO|0x800)
#endif
#ifndef MASK_rcr8cl
#define MASK_rcr8cl (CFO)
#endif
#ifndef MASK_rcr8i
#define MASK_rcr8i (CFO)
#endif
#ifndef MASK_rcr81
#define MASK_rcr81 (CFO|0x800)
#endif
#ifndef MASK_rcr64m
#define MASK_rcr64m (CFO)
#endif
#ifndef MASK_shld64cl
#define MASK_shld64cl (SHIFT)
#endif
#ifndef MASK_shld64i
#define MASK_shld64i (SHIFT)
#endif
#ifndef MASK_shld32cl
#define MASK_shld32cl (SHIFT)
#endif
#ifndef MASK_shld32i
#define MASK_shld32i (SHIFT)
#endif
#ifndef MASK_shld16cl
#define MASK_shld16cl (SHIFT)
#endif
#ifndef MASK_shld16i
#define MASK_shld16i (SHIFT)
#endif
#ifndef MASK_shrd64cl
#define MASK_shrd64cl (SHIFT)
#endif
#ifndef MASK_shrd64i
#define MASK_shrd64i (SHIFT)
#endif
#ifndef MASK_shrd32cl
#define MASK_shrd32cl (SHIFT)
#endif
#ifndef MASK_shrd32i
#define MASK_shrd32i (SHIFT)
#endif
#ifndef MASK_shrd16cl
#define MASK_shrd16cl (SHIFT)
#endif
#ifndef MASK_shrd16i
#define MASK_shrd16i (SHIFT)
#endif
#ifndef MASK_bt64
#define MASK_bt64 (CFO)
#endif
#ifndef MASK_bt64i
#define MASK_bt64i (CFO)
#endif
#ifndef MASK_bt32
#define MASK_bt32 (CFO)
#endif
#ifndef MASK_bt32i
#define MASK_bt32i (CFO)
#endif
#ifndef MASK_bt16
#define MASK_bt16 (CFO)
#endif
#ifndef MASK_bt16i
#define MASK_bt16i (CFO)
#endif
#ifndef MASK_bt64m
#define MASK_bt64m (CFO)
#endif
#ifndef MASK_bts64
#define MASK_bts64 (CFO)
#endif
#ifndef MASK_bts64i
#define MASK_bts64i (CFO)
#endif
#ifndef MASK_bts32
#define MASK_bts32 (CFO)
#endif
#ifndef MASK_bts32i
#define MASK_bts32i (CFO)
#endif
#ifndef MASK_bts16
#define MASK_bts16 (CFO)
#endif
#ifndef MASK_bts16i
#define MASK_bts16i (CFO)
#endif
#ifndef MASK_bts64m
#define MASK_bts64m (CFO)
#endif
#ifndef MASK_btr64
#define MASK_btr64 (CFO)
#endif
#ifndef MASK_btr64i
#define MASK_btr64i (CFO)
#endif
#ifndef MASK_btr32
#define MASK_btr32 (CFO)
#endif
#ifndef MASK_btr32i
#define MASK_btr32i (CFO)
#endif
#ifndef MASK_btr16
#define MASK_btr16 (CFO)
#endif
#ifndef MASK_btr16i
#define MASK_btr16i (CFO)
#endif
#ifndef MASK_btr64m
#define MASK_btr64m (CFO)
#endif
#ifndef MASK_btc64
#define MASK_btc64 (CFO)
#endif
#ifndef MASK_btc64i
#define MASK_btc64i (CFO)
#endif
#ifndef MASK_btc32
#define MASK_btc32 (CFO)
#endif
#ifndef MASK_btc32i
#define MASK_btc32i (CFO)
#endif
#ifndef MASK_btc16
#define MASK_btc16 (CFO)
#endif
#ifndef MASK_btc16i
#define MASK_btc16i (CFO)
#endif
#ifndef MASK_btc64m
#define MASK_btc64m (CFO)
#endif
#ifndef MASK_bsf64
#define MASK_bsf64 (ZFO)
#endif
#ifndef MASK_bsf32
#define MASK_bsf32 (ZFO)
#endif
#ifndef MASK_bsf16
#define MASK_bsf16 (ZFO)
#endif
#ifndef MASK_bsr64
#define MASK_bsr64 (ZFO)
#endif
#ifndef MASK_bsr32
#define MASK_bsr32 (ZFO)
#endif
#ifndef MASK_bsr16
#define MASK_bsr16 (ZFO)
#endif
#ifndef MASK_tzcnt64
#define MASK_tzcnt64 (CZ)
#endif
#ifndef MASK_tzcnt32
#define MASK_tzcnt32 (CZ)
#endif
#ifndef MASK_tzcnt16
#define MASK_tzcnt16 (CZ)
#endif
#ifndef MASK_lzcnt64
#define MASK_lzcnt64 (CZ)
#endif
#ifndef MASK_lzcnt32
#define MASK_lzcnt32 (CZ)
#endif
#ifndef MASK_lzcnt16
#define MASK_lzcnt16 (CZ)
#endif
#ifndef MASK_popcnt64
#define MASK_popcnt64 (ALL)
#endif
#ifndef MASK_popcnt32
#define MASK_popcnt32 (ALL)
#endif
#ifndef MASK_popcnt16
#define MASK_popcnt16 (ALL)
#endif
#ifndef MASK_movzbl
#define MASK_movzbl (ALL)
#endif
#ifndef MASK_movzbw
#define MASK_movzbw (ALL)
#endif
#ifndef MASK_movzwq
#define MASK_movzwq (ALL)
#endif
#ifndef MASK_movsbq
#define MASK_movsbq (ALL)
#endif
#ifndef MASK_movsbl
#define MASK_movsbl (ALL)
#endif
#ifndef MASK_movswl
#define MASK_movswl (ALL)
#endif
#ifndef MASK_movslq
#define MASK_movslq (ALL)
#endif
#ifndef MASK_movsbw
#define MASK_movsbw (ALL)
#endif
#ifndef MASK_cbtw
#define MASK_cbtw (ALL)
#endif
#ifndef MASK_cwtl
#define MASK_cwtl (ALL)
#endif
#ifndef MASK_cltq
#define MASK_cltq (ALL)
#endif
#ifndef MASK_cwtd
#define MASK_cwtd (ALL)
#endif
#ifndef MASK_cltd
#define MASK_cltd (ALL)
#endif
#ifndef MASK_cqto
#define MASK_cqto (ALL)
#endif
#ifndef MASK_bswap64
#define MASK_bswap64 (ALL)
#endif
#ifndef MASK_bswap32
#define MASK_bswap32 (ALL)
#endif
#ifndef MASK_xchg64
#define MASK_xchg64 (ALL)
#endif
#ifndef MASK_xchg8
#define MASK_xchg8 (ALL)
#endif
#ifndef MASK_xchgm
#define MASK_xchgm (ALL)
#endif
#ifndef MASK_mov32
#define MASK_mov32 (ALL)
#endif
#ifndef MASK_mov16
#define MASK_mov16 (ALL)
#endif
#ifndef MASK_mov8h
#define MASK_mov8h (ALL)
#endif
#ifndef MASK_movabs
#define MASK_movabs (ALL)
#endif
#ifndef MASK_lea1
#define MASK_lea1 (ALL)
#endif
#ifndef MASK_lea2
#define MASK_lea2 (ALL)
#endif
#ifndef MASK_lea3
#define MASK_lea3 (ALL)
#endif
#ifndef MASK_cmc
#define MASK_cmc (ALL)
#endif
#ifndef MASK_clc
#define MASK_clc (ALL)
#endif
#ifndef MASK_stc
#define MASK_stc (ALL)
#endif
#ifndef MASK_sahf
#define MASK_sahf (ALL)
#endif
#ifndef MASK_lahf
#define MASK_lahf (ALL)
#endif
#ifndef MASK_xadd64
#define MASK_xadd64 (ALL)
#endif
#ifndef MASK_xadd8
#define MASK_xadd8 (ALL)
#endif
#ifndef MASK_xaddm
#define MASK_xaddm (ALL)
#endif
#ifndef MASK_cmpxchg64
#define MASK_cmpxchg64 (ALL)
#endif
#ifndef MASK_cmpxchg32m
#define MASK_cmpxchg32m (ALL)
#endif
#ifndef MASK_cmpxchg8
#define MASK_cmpxchg8 (ALL)
#endif
#ifndef MASK_cmpxchg64eq
#define MASK_cmpxchg64eq (ALL)
#endif
#ifndef MASK_cmpxchg16b
#define MASK_cmpxchg16b (ZFO)
#endif
#ifndef MASK_cmpxchg8bne
#define MASK_cmpxchg8bne (ZFO)
#endif
#ifndef MASK_seto
#define MASK_seto (ALL)
#endif
#ifndef MASK_cmovo
#define MASK_cmovo (ALL)
#endif
#ifndef MASK_cmovo32
#define MASK_cmovo32 (ALL)
#endif
#ifndef MASK_cmp64seto
#define MASK_cmp64seto (ALL)
#endif
#ifndef MASK_cmp32seto
#define MASK_cmp32seto (ALL)
#endif
#ifndef MASK_cmp8seto
#define MASK_cmp8seto (ALL)
#endif
#ifndef MASK_test32seto
#define MASK_test32seto (ALL)
#endif
#ifndef MASK_add64seto
#define MASK_add64seto (ALL)
#endif
#ifndef MASK_sub16seto
#define MASK_sub16seto (ALL)
#endif
#ifndef MASK_inc32seto
#define MASK_inc32seto (ALL)
#endif
#ifndef MASK_cmp64jo
#define MASK_cmp64jo (ALL)
#endif
#ifndef MASK_setno
#define MASK_setno (ALL)
#endif
#ifndef MASK_cmovno
#define MASK_cmovno (ALL)
#endif
#ifndef MASK_cmovno32
#define MASK_cmovno32 (ALL)
#endif
#ifndef MASK_cmp64setno
#define MASK_cmp64setno (ALL)
#endif
#ifndef MASK_cmp32setno
#define MASK_cmp32setno (ALL)
#endif
#ifndef MASK_cmp8setno
#define MASK_cmp8setno (ALL)
#endif
#ifndef MASK_test32setno
#define MASK_test32setno (ALL)
#endif
#ifndef MASK_add64setno
#define MASK_add64setno (ALL)
#endif
#ifndef MASK_sub16setno
#define MASK_sub16setno (ALL)
#endif
#ifndef MASK_inc32setno
#define MASK_inc32setno (ALL)
#endif
#ifndef MASK_cmp64jno
#define MASK_cmp64jno (ALL)
#endif
#ifndef MASK_setb
#define MASK_setb (ALL)
#endif
#ifndef MASK_cmovb
#define MASK_cmovb (ALL)
#endif
#ifndef MASK_cmovb32
#define MASK_cmovb32 (ALL)
#endif
#ifndef MASK_cmp64setb
#define MASK_cmp64setb (ALL)
#endif
#ifndef MASK_cmp32setb
#define MASK_cmp32setb (ALL)
#endif
#ifndef MASK_cmp8setb
#define MASK_cmp8setb (ALL)
#endif
#ifndef MASK_test32setb
#define MASK_test32setb (ALL)
#endif
#ifndef MASK_add64setb
#define MASK_add64setb (ALL)
#endif
#ifndef MASK_sub16setb
#define MASK_sub16setb (ALL)
#endif
#ifndef MASK_inc32setb
#define MASK_inc32setb (ALL)
#endif
#ifndef MASK_shl64setb
#define MASK_shl64setb (ALL & ~0x810)
#endif
#ifndef MASK_cmp64jb
#define MASK_cmp64jb (ALL)
#endif
#ifndef MASK_setae
#define MASK_setae (ALL)
#endif
#ifndef MASK_cmovae
#define MASK_cmovae (ALL)
#endif
#ifndef MASK_cmovae32
#define MASK_cmovae32 (ALL)
#endif
#ifndef MASK_cmp64setae
#define MASK_cmp64setae (ALL)
#endif
#ifndef MASK_cmp32setae
#define MASK_cmp32setae (ALL)
#endif
#ifndef MASK_cmp8setae
#define MASK_cmp8setae (ALL)
#endif
#ifndef MASK_test32setae
#define MASK_test32setae (ALL)
#endif
#ifndef MASK_add64setae
#define MASK_add64setae (ALL)
#endif
#ifndef MASK_sub16setae
#define MASK_sub16setae (ALL)
#endif
#ifndef MASK_inc32setae
#define MASK_inc32setae (ALL)
#endif
#ifndef MASK_shl64setae
#define MASK_shl64setae (ALL & ~0x810)
#endif
#ifndef MASK_cmp64jae
#define MASK_cmp64jae (ALL)
#endif
#ifndef MASK_sete
#define MASK_sete (ALL)
#endif
#ifndef MASK_cmove
#define MASK_cmove (ALL)
#endif
#ifndef MASK_cmove32
#define MASK_cmove32 (ALL)
#endif
#ifndef MASK_cmp64sete
#define MASK_cmp64sete (ALL)
#endif
#ifndef MASK_cmp32sete
#define MASK_cmp32sete (ALL)
#endif
#ifndef MASK_cmp8sete
#define MASK_cmp8sete (ALL)
#endif
#ifndef MASK_test32sete
#define MASK_test32sete (ALL)
#endif
#ifndef MASK_add64sete
#define MASK_add64sete (ALL)
#endif
#ifndef MASK_sub16sete
#define MASK_sub16sete (ALL)
#endif
#ifndef MASK_inc32sete
#define MASK_inc32sete (ALL)
#endif
#ifndef MASK_shl64sete
#define MASK_shl64sete (ALL & ~0x810)
#endif
#ifndef MASK_cmp64je
#define MASK_cmp64je (ALL)
#endif
#ifndef MASK_setne
#define MASK_setne (ALL)
#endif
#ifndef MASK_cmovne
#define MASK_cmovne (ALL)
#endif
#ifndef MASK_cmovne32
#define MASK_cmovne32 (ALL)
#endif
#ifndef MASK_cmp64setne
#define MASK_cmp64setne (ALL)
#endif
#ifndef MASK_cmp32setne
#define MASK_cmp32setne (ALL)
#endif
#ifndef MASK_cmp8setne
#define MASK_cmp8setne (ALL)
#endif
#ifndef MASK_test32setne
#define MASK_test32setne (ALL)
#endif
#ifndef MASK_add64setne
#define MASK_add64setne (ALL)
#endif
#ifndef MASK_sub16setne
#define MASK_sub16setne (ALL)
#endif
#ifndef MASK_inc32setne
#define MASK_inc32setne (ALL)
#endif
#ifndef MASK_shl64setne
#define MASK_shl64setne (ALL & ~0x810)
#endif
#ifndef MASK_cmp64jne
#define MASK_cmp64jne (ALL)
#endif
#ifndef MASK_setbe
#define MASK_setbe (ALL)
#endif
#ifndef MASK_cmovbe
#define MASK_cmovbe (ALL)
#endif
#ifndef MASK_cmovbe32
#define MASK_cmovbe32 (ALL)
#endif
#ifndef MASK_cmp64setbe
#define MASK_cmp64setbe (ALL)
#endif
#ifndef MASK_cmp32setbe
#define MASK_cmp32setbe (ALL)
#endif
#ifndef MASK_cmp8setbe
#define MASK_cmp8setbe (ALL)
#endif
#ifndef MASK_test32setbe
#define MASK_test32setbe (ALL)
#endif
#ifndef MASK_add64setbe
#define MASK_add64setbe (ALL)
#endif
#ifndef MASK_sub16setbe
#define MASK_sub16setbe (ALL)
#endif
#ifndef MASK_inc32setbe
#define MASK_inc32setbe (ALL)
#endif
#ifndef MASK_shl64setbe
#define MASK_shl64setbe (ALL & ~0x810)
#endif
#ifndef MASK_cmp64jbe
#define MASK_cmp64jbe (ALL)
#endif
#ifndef MASK_seta
#define MASK_seta (ALL)
#endif
#ifndef MASK_cmova
#define MASK_cmova (ALL)
#endif
#ifndef MASK_cmova32
#define MASK_cmova32 (ALL)
#endif
#ifndef MASK_cmp64seta
#define MASK_cmp64seta (ALL)
#endif
#ifndef MASK_cmp32seta
#define MASK_cmp32seta (ALL)
#endif
#ifndef MASK_cmp8seta
#define MASK_cmp8seta (ALL)
#endif
#ifndef MASK_test32seta
#define MASK_test32seta (ALL)
#endif
#ifndef MASK_add64seta
#define MASK_add64seta (ALL)
#endif
#ifndef MASK_sub16seta
#define MASK_sub16seta (ALL)
#endif
#ifndef MASK_inc32seta
#define MASK_inc32seta (ALL)
#endif
#ifndef MASK_shl64seta
#define MASK_shl64seta (ALL & ~0x810)
#endif
#ifndef MASK_cmp64ja
#define MASK_cmp64ja (ALL)
#endif
#ifndef MASK_sets
#define MASK_sets (ALL)
#endif
#ifndef MASK_cmovs
#define MASK_cmovs (ALL)
#endif
#ifndef MASK_cmovs32
#define MASK_cmovs32 (ALL)
#endif
#ifndef MASK_cmp64sets
#define MASK_cmp64sets (ALL)
#endif
#ifndef MASK_cmp32sets
#define MASK_cmp32sets (ALL)
#endif
#ifndef MASK_cmp8sets
#define MASK_cmp8sets (ALL)
#endif
#ifndef MASK_test32sets
#define MASK_test32sets (ALL)
#endif
#ifndef MASK_add64sets
#define MASK_add64sets (ALL)
#endif
#ifndef MASK_sub16sets
#define MASK_sub16sets (ALL)
#endif
#ifndef MASK_inc32sets
#define MASK_inc32sets (ALL)
#endif
#ifndef MASK_shl64sets
#define MASK_shl64sets (ALL & ~0x810)
#endif
#ifndef MASK_cmp64js
#define MASK_cmp64js (ALL)
#endif
#ifndef MASK_setns
#define MASK_setns (ALL)
#endif
#ifndef MASK_cmovns
#define MASK_cmovns (ALL)
#endif
#ifndef MASK_cmovns32
#define MASK_cmovns32 (ALL)
#endif
#ifndef MASK_cmp64setns
#define MASK_cmp64setns (ALL)
#endif
#ifndef MASK_cmp32setns
#define MASK_cmp32setns (ALL)
#endif
#ifndef MASK_cmp8setns
#define MASK_cmp8setns (ALL)
#endif
#ifndef MASK_test32setns
#define MASK_test32setns (ALL)
#endif
#ifndef MASK_add64setns
#define MASK_add64setns (ALL)
#endif
#ifndef MASK_sub16setns
#define MASK_sub16setns (ALL)
#endif
#ifndef MASK_inc32setns
#define MASK_inc32setns (ALL)
#endif
#ifndef MASK_shl64setns
#define MASK_shl64setns (ALL & ~0x810)
#endif
#ifndef MASK_cmp64jns
#define MASK_cmp64jns (ALL)
#endif
#ifndef MASK_setp
#define MASK_setp (ALL)
#endif
#ifndef MASK_cmovp
#define MASK_cmovp (ALL)
#endif
#ifndef MASK_cmovp32
#define MASK_cmovp32 (ALL)
#endif
#ifndef MASK_cmp64setp
#define MASK_cmp64setp (ALL)
#endif
#ifndef MASK_cmp32setp
#define MASK_cmp32setp (ALL)
#endif
#ifndef MASK_cmp8setp
#define MASK_cmp8setp (ALL)
#endif
#ifndef MASK_test32setp
#define MASK_test32setp (ALL)
#endif
#ifndef MASK_add64setp
#define MASK_add64setp (ALL)
#endif
#ifndef MASK_sub16setp
#define MASK_sub16setp (ALL)
#endif
#ifndef MASK_inc32setp
#define MASK_inc32setp (ALL)
#endif
#ifndef MASK_shl64setp
#define MASK_shl64setp (ALL & ~0x810)
#endif
#ifndef MASK_cmp64jp
#define MASK_cmp64jp (ALL)
#endif
#ifndef MASK_setnp
#define MASK_setnp (ALL)
#endif
#ifndef MASK_cmovnp
#define MASK_cmovnp (ALL)
#endif
#ifndef MASK_cmovnp32
#define MASK_cmovnp32 (ALL)
#endif
#ifndef MASK_cmp64setnp
#define MASK_cmp64setnp (ALL)
#endif
#ifndef MASK_cmp32setnp
#define MASK_cmp32setnp (ALL)
#endif
#ifndef MASK_cmp8setnp
#define MASK_cmp8setnp (ALL)
#endif
#ifndef MASK_test32setnp
#define MASK_test32setnp (ALL)
#endif
#ifndef MASK_add64setnp
#define MASK_add64setnp (ALL)
#endif
#ifndef MASK_sub16setnp
#define MASK_sub16setnp (ALL)
#endif
#ifndef MASK_inc32setnp
#define MASK_inc32setnp (ALL)
#endif
#ifndef MASK_shl64setnp
#define MASK_shl64setnp (ALL & ~0x810)
#endif
#ifndef MASK_cmp64jnp
#define MASK_cmp64jnp (ALL)
#endif
#ifndef MASK_setl
#define MASK_setl (ALL)
#endif
#ifndef MASK_cmovl
#define MASK_cmovl (ALL)
#endif
#ifndef MASK_cmovl32
#define MASK_cmovl32 (ALL)
#endif
#ifndef MASK_cmp64setl
#define MASK_cmp64setl (ALL)
#endif
#ifndef MASK_cmp32setl
#define MASK_cmp32setl (ALL)
#endif
#ifndef MASK_cmp8setl
#define MASK_cmp8setl (ALL)
#endif
#ifndef MASK_test32setl
#define MASK_test32setl (ALL)
#endif
#ifndef MASK_add64setl
#define MASK_add64setl (ALL)
#endif
#ifndef MASK_sub16setl
#define MASK_sub16setl (ALL)
#endif
#ifndef MASK_inc32setl
#define MASK_inc32setl (ALL)
#endif
#ifndef MASK_cmp64jl
#define MASK_cmp64jl (ALL)
#endif
#ifndef MASK_setge
#define MASK_setge (ALL)
#endif
#ifndef MASK_cmovge
#define MASK_cmovge (ALL)
#endif
#ifndef MASK_cmovge32
#define MASK_cmovge32 (ALL)
#endif
#ifndef MASK_cmp64setge
#define MASK_cmp64setge (ALL)
#endif
#ifndef MASK_cmp32setge
#define MASK_cmp32setge (ALL)
#endif
#ifndef MASK_cmp8setge
#define MASK_cmp8setge (ALL)
#endif
#ifndef MASK_test32setge
#define MASK_test32setge (ALL)
#endif
#ifndef MASK_add64setge
#define MASK_add64setge (ALL)
#endif
#ifndef MASK_sub16setge
#define MASK_sub16setge (ALL)
#endif
#ifndef MASK_inc32setge
#define MASK_inc32setge (ALL)
#endif
#ifndef MASK_cmp64jge
#define MASK_cmp64jge (ALL)
#endif
#ifndef MASK_setle
#define MASK_setle (ALL)
#endif
#ifndef MASK_cmovle
#define MASK_cmovle (ALL)
#endif
#ifndef MASK_cmovle32
#define MASK_cmovle32 (ALL)
#endif
#ifndef MASK_cmp64setle
#define MASK_cmp64setle (ALL)
#endif
#ifndef MASK_cmp32setle
#define MASK_cmp32setle (ALL)
#endif
#ifndef MASK_cmp8setle
#define MASK_cmp8setle (ALL)
#endif
#ifndef MASK_test32setle
#define MASK_test32setle (ALL)
#endif
#ifndef MASK_add64setle
#define MASK_add64setle (ALL)
#endif
#ifndef MASK_sub16setle
#define MASK_sub16setle (ALL)
#endif
#ifndef MASK_inc32setle
#define MASK_inc32setle (ALL)
#endif
#ifndef MASK_cmp64jle
#define MASK_cmp64jle (ALL)
#endif
#ifndef MASK_setg
#define MASK_setg (ALL)
#endif
#ifndef MASK_cmovg
#define MASK_cmovg (ALL)
#endif
#ifndef MASK_cmovg32
#define MASK_cmovg32 (ALL)
#endif
#ifndef MASK_cmp64setg
#define MASK_cmp64setg (ALL)
#endif
#ifndef MASK_cmp32setg
#define MASK_cmp32setg (ALL)
#endif
#ifndef MASK_cmp8setg
#define MASK_cmp8setg (ALL)
#endif
#ifndef MASK_test32setg
#define MASK_test32setg (ALL)
#endif
#ifndef MASK_add64setg
#define MASK_add64setg (ALL)
#endif
#ifndef MASK_sub16setg
#define MASK_sub16setg (ALL)
#endif
#ifndef MASK_inc32setg
#define MASK_inc32setg (ALL)
#endif
#ifndef MASK_cmp64jg
#define MASK_cmp64jg (ALL)
#endif
T(add64, "add %%rbx,%%rax")
T(add64m, "addq %%rbx,(%%rsi)")
T(add32, "add %%ebx,%%eax")
T(add32m, "addl %%ebx,(%%rsi)")
T(add16, "add %%bx,%%ax")
T(add16m, "addw %%bx,(%%rsi)")
T(add8, "add %%bl,%%al")
T(add8m, "addb %%bl,(%%rsi)")
T(add64i8, "addq $-3,%%rax")
T(add64i32, "addq $0x12345678,%%rax")
T(add32i, "addl $0x80000001,%%eax")
T(add8h, "add %%bh,%%ah")
T(adc64, "adc %%rbx,%%rax")
T(adc64m, "adcq %%rbx,(%%rsi)")
T(adc32, "adc %%ebx,%%eax")
T(adc32m, "adcl %%ebx,(%%rsi)")
T(adc16, "adc %%bx,%%ax")
T(adc16m, "adcw %%bx,(%%rsi)")
T(adc8, "adc %%bl,%%al")
T(adc8m, "adcb %%bl,(%%rsi)")
T(adc64i8, "adcq $-3,%%rax")
T(adc64i32, "adcq $0x12345678,%%rax")
T(adc32i, "adcl $0x80000001,%%eax")
T(adc8h, "adc %%bh,%%ah")
T(sub64, "sub %%rbx,%%rax")
T(sub64m, "subq %%rbx,(%%rsi)")
T(sub32, "sub %%ebx,%%eax")
T(sub32m, "subl %%ebx,(%%rsi)")
T(sub16, "sub %%bx,%%ax")
T(sub16m, "subw %%bx,(%%rsi)")
T(sub8, "sub %%bl,%%al")
T(sub8m, "subb %%bl,(%%rsi)")
T(sub64i8, "subq $-3,%%rax")
T(sub64i32, "subq $0x12345678,%%rax")
T(sub32i, "subl $0x80000001,%%eax")
T(sub8h, "sub %%bh,%%ah")
T(sbb64, "sbb %%rbx,%%rax")
T(sbb64m, "sbbq %%rbx,(%%rsi)")
T(sbb32, "sbb %%ebx,%%eax")
T(sbb32m, "sbbl %%ebx,(%%rsi)")
T(sbb16, "sbb %%bx,%%ax")
T(sbb16m, "sbbw %%bx,(%%rsi)")
T(sbb8, "sbb %%bl,%%al")
T(sbb8m, "sbbb %%bl,(%%rsi)")
T(sbb64i8, "sbbq $-3,%%rax")
T(sbb64i32, "sbbq $0x12345678,%%rax")
T(sbb32i, "sbbl $0x80000001,%%eax")
T(sbb8h, "sbb %%bh,%%ah")
T(cmp64, "cmp %%rbx,%%rax")
T(cmp64m, "cmpq %%rbx,(%%rsi)")
T(cmp32, "cmp %%ebx,%%eax")
T(cmp32m, "cmpl %%ebx,(%%rsi)")
T(cmp16, "cmp %%bx,%%ax")
T(cmp16m, "cmpw %%bx,(%%rsi)")
T(cmp8, "cmp %%bl,%%al")
T(cmp8m, "cmpb %%bl,(%%rsi)")
T(cmp64i8, "cmpq $-3,%%rax")
T(cmp64i32, "cmpq $0x12345678,%%rax")
T(cmp32i, "cmpl $0x80000001,%%eax")
T(cmp8h, "cmp %%bh,%%ah")
T(and64, "and %%rbx,%%rax")
T(and64m, "andq %%rbx,(%%rsi)")
T(and32, "and %%ebx,%%eax")
T(and32m, "andl %%ebx,(%%rsi)")
T(and16, "and %%bx,%%ax")
T(and16m, "andw %%bx,(%%rsi)")
T(and8, "and %%bl,%%al")
T(and8m, "andb %%bl,(%%rsi)")
T(and64i8, "andq $-3,%%rax")
T(and64i32, "andq $0x12345678,%%rax")
T(and32i, "andl $0x80000001,%%eax")
T(and8h, "and %%bh,%%ah")
T(or64, "or %%rbx,%%rax")
T(or64m, "orq %%rbx,(%%rsi)")
T(or32, "or %%ebx,%%eax")
T(or32m, "orl %%ebx,(%%rsi)")
T(or16, "or %%bx,%%ax")
T(or16m, "orw %%bx,(%%rsi)")
T(or8, "or %%bl,%%al")
T(or8m, "orb %%bl,(%%rsi)")
T(or64i8, "orq $-3,%%rax")
T(or64i32, "orq $0x12345678,%%rax")
T(or32i, "orl $0x80000001,%%eax")
T(or8h, "or %%bh,%%ah")
T(xor64, "xor %%rbx,%%rax")
T(xor64m, "xorq %%rbx,(%%rsi)")
T(xor32, "xor %%ebx,%%eax")
T(xor32m, "xorl %%ebx,(%%rsi)")
T(xor16, "xor %%bx,%%ax")
T(xor16m, "xorw %%bx,(%%rsi)")
T(xor8, "xor %%bl,%%al")
T(xor8m, "xorb %%bl,(%%rsi)")
T(xor64i8, "xorq $-3,%%rax")
T(xor64i32, "xorq $0x12345678,%%rax")
T(xor32i, "xorl $0x80000001,%%eax")
T(xor8h, "xor %%bh,%%ah")
T(test64, "test %%rbx,%%rax")
T(test64m, "test %%rbx,(%%rsi)")
T(test32, "test %%ebx,%%eax")
T(test32m, "test %%ebx,(%%rsi)")
T(test16, "test %%bx,%%ax")
T(test16m, "test %%bx,(%%rsi)")
T(test8, "test %%bl,%%al")
T(test8m, "test %%bl,(%%rsi)")
T(test64i8, "testq $-3,%%rax")
T(test64i32, "testq $0x12345678,%%rax")
T(test32i, "testl $0x80000001,%%eax")
T(test8h, "test %%bh,%%ah")
T(inc64, "inc %%rax")
T(inc32, "inc %%eax")
T(inc16, "inc %%ax")
T(inc8, "inc %%al")
T(inc64m, "incq (%%rsi)")
T(inc8h, "inc %%ah")
T(dec64, "dec %%rax")
T(dec32, "dec %%eax")
T(dec16, "dec %%ax")
T(dec8, "dec %%al")
T(dec64m, "decq (%%rsi)")
T(dec8h, "dec %%ah")
T(neg64, "neg %%rax")
T(neg32, "neg %%eax")
T(neg16, "neg %%ax")
T(neg8, "neg %%al")
T(neg64m, "negq (%%rsi)")
T(neg8h, "neg %%ah")
T(not64, "not %%rax")
T(not32, "not %%eax")
T(not16, "not %%ax")
T(not8, "not %%al")
T(not64m, "notq (%%rsi)")
T(not8h, "not %%ah")
T(mul64, "mul %%rbx")
T(mul32, "mul %%ebx")
T(mul16, "mul %%bx")
T(mul8, "mul %%bl")
T(mul64m, "mulq (%%rsi)")
T(imul64, "imul %%rbx")
T(imul32, "imul %%ebx")
T(imul16, "imul %%bx")
T(imul8, "imul %%bl")
T(imul64m, "imulq (%%rsi)")
T(div64, "div %%rbx")
T(div32, "div %%ebx")
T(div16, "div %%bx")
T(div8, "div %%bl")
T(div64m, "divq (%%rsi)")
T(idiv64, "idiv %%rbx")
T(idiv32, "idiv %%ebx")
T(idiv16, "idiv %%bx")
T(idiv8, "idiv %%bl")
T(idiv64m, "idivq (%%rsi)")
T(imul2_64, "imul %%rbx,%%rax")
T(imul3_64, "imul $-1000,%%rbx,%%rax")
T(imul2_32, "imul %%ebx,%%eax")
T(imul3_32, "imul $-1000,%%ebx,%%eax")
T(imul2_16, "imul %%bx,%%ax")
T(imul3_16, "imul $-1000,%%bx,%%ax")
T(imul3_64b, "imul $7,(%%rsi),%%rax")
T(shl64cl, "shl %%cl,%%rax")
T(shl64i, "shl $5,%%rax")
T(shl641, "shl %%rax")
T(shl32cl, "shl %%cl,%%eax")
T(shl32i, "shl $5,%%eax")
T(shl321, "shl %%eax")
T(shl16cl, "shl %%cl,%%ax")
T(shl16i, "shl $5,%%ax")
T(shl161, "shl %%ax")
T(shl8cl, "shl %%cl,%%al")
T(shl8i, "shl $5,%%al")
T(shl81, "shl %%al")
T(shl64m, "shlq %%cl,(%%rsi)")
T(shr64cl, "shr %%cl,%%rax")
T(shr64i, "shr $5,%%rax")
T(shr641, "shr %%rax")
T(shr32cl, "shr %%cl,%%eax")
T(shr32i, "shr $5,%%eax")
T(shr321, "shr %%eax")
T(shr16cl, "shr %%cl,%%ax")
T(shr16i, "shr $5,%%ax")
T(shr161, "shr %%ax")
T(shr8cl, "shr %%cl,%%al")
T(shr8i, "shr $5,%%al")
T(shr81, "shr %%al")
T(shr64m, "shrq %%cl,(%%rsi)")
T(sar64cl, "sar %%cl,%%rax")
T(sar64i, "sar $5,%%rax")
T(sar641, "sar %%rax")
T(sar32cl, "sar %%cl,%%eax")
T(sar32i, "sar $5,%%eax")
T(sar321, "sar %%eax")
T(sar16cl, "sar %%cl,%%ax")
T(sar16i, "sar $5,%%ax")
T(sar161, "sar %%ax")
T(sar8cl, "sar %%cl,%%al")
T(sar8i, "sar $5,%%al")
T(sar81, "sar %%al")
T(sar64m, "sarq %%cl,(%%rsi)")
T(rol64cl, "rol %%cl,%%rax")
T(rol64i, "rol $5,%%rax")
T(rol641, "rol %%rax")
T(rol32cl, "rol %%cl,%%eax")
T(rol32i, "rol $5,%%eax")
T(rol321, "rol %%eax")
T(rol16cl, "rol %%cl,%%ax")
T(rol16i, "rol $5,%%ax")
T(rol161, "rol %%ax")
T(rol8cl, "rol %%cl,%%al")
T(rol8i, "rol $5,%%al")
T(rol81, "rol %%al")
T(rol64m, "rolq %%cl,(%%rsi)")
T(ror64cl, "ror %%cl,%%rax")
T(ror64i, "ror $5,%%rax")
T(ror641, "ror %%rax")
T(ror32cl, "ror %%cl,%%eax")
T(ror32i, "ror $5,%%eax")
T(ror321, "ror %%eax")
T(ror16cl, "ror %%cl,%%ax")
T(ror16i, "ror $5,%%ax")
T(ror161, "ror %%ax")
T(ror8cl, "ror %%cl,%%al")
T(ror8i, "ror $5,%%al")
T(ror81, "ror %%al")
T(ror64m, "rorq %%cl,(%%rsi)")
T(rcl64cl, "rcl %%cl,%%rax")
T(rcl64i, "rcl $5,%%rax")
T(rcl641, "rcl %%rax")
T(rcl32cl, "rcl %%cl,%%eax")
T(rcl32i, "rcl $5,%%eax")
T(rcl321, "rcl %%eax")
T(rcl16cl, "rcl %%cl,%%ax")
T(rcl16i, "rcl $5,%%ax")
T(rcl161, "rcl %%ax")
T(rcl8cl, "rcl %%cl,%%al")
T(rcl8i, "rcl $5,%%al")
T(rcl81, "rcl %%al")
T(rcl64m, "rclq %%cl,(%%rsi)")
T(rcr64cl, "rcr %%cl,%%rax")
T(rcr64i, "rcr $5,%%rax")
T(rcr641, "rcr %%rax")
T(rcr32cl, "rcr %%cl,%%eax")
T(rcr32i, "rcr $5,%%eax")
T(rcr321, "rcr %%eax")
T(rcr16cl, "rcr %%cl,%%ax")
T(rcr16i, "rcr $5,%%ax")
T(rcr161, "rcr %%ax")
T(rcr8cl, "rcr %%cl,%%al")
T(rcr8i, "rcr $5,%%al")
T(rcr81, "rcr %%al")
T(rcr64m, "rcrq %%cl,(%%rsi)")
T(shld64cl, "shld %%cl,%%rbx,%%rax")
T(shld64i, "shld $7,%%rbx,%%rax")
T(shld32cl, "shld %%cl,%%ebx,%%eax")
T(shld32i, "shld $7,%%ebx,%%eax")
T(shld16cl, "and $15,%%cl\n shld %%cl,%%bx,%%ax")
T(shld16i, "shld $7,%%bx,%%ax")
T(shrd64cl, "shrd %%cl,%%rbx,%%rax")
T(shrd64i, "shrd $7,%%rbx,%%rax")
T(shrd32cl, "shrd %%cl,%%ebx,%%eax")
T(shrd32i, "shrd $7,%%ebx,%%eax")
T(shrd16cl, "and $15,%%cl\n shrd %%cl,%%bx,%%ax")
T(shrd16i, "shrd $7,%%bx,%%ax")
T(bt64, "bt %%rbx,%%rax")
T(bt64i, "bt $13,%%rax")
T(bt32, "bt %%ebx,%%eax")
T(bt32i, "bt $13,%%eax")
T(bt16, "bt %%bx,%%ax")
T(bt16i, "bt $13,%%ax")
T(bt64m, "and $127,%%ecx\n bt %%rcx,(%%rsi)")
T(bts64, "bts %%rbx,%%rax")
T(bts64i, "bts $13,%%rax")
T(bts32, "bts %%ebx,%%eax")
T(bts32i, "bts $13,%%eax")
T(bts16, "bts %%bx,%%ax")
T(bts16i, "bts $13,%%ax")
T(bts64m, "and $127,%%ecx\n bts %%rcx,(%%rsi)")
T(btr64, "btr %%rbx,%%rax")
T(btr64i, "btr $13,%%rax")
T(btr32, "btr %%ebx,%%eax")
T(btr32i, "btr $13,%%eax")
T(btr16, "btr %%bx,%%ax")
T(btr16i, "btr $13,%%ax")
T(btr64m, "and $127,%%ecx\n btr %%rcx,(%%rsi)")
T(btc64, "btc %%rbx,%%rax")
T(btc64i, "btc $13,%%rax")
T(btc32, "btc %%ebx,%%eax")
T(btc32i, "btc $13,%%eax")
T(btc16, "btc %%bx,%%ax")
T(btc16i, "btc $13,%%ax")
T(btc64m, "and $127,%%ecx\n btc %%rcx,(%%rsi)")
T(bsf64, "bsf %%rbx,%%rax")
T(bsf32, "bsf %%ebx,%%eax")
T(bsf16, "bsf %%bx,%%ax")
T(bsr64, "bsr %%rbx,%%rax")
T(bsr32, "bsr %%ebx,%%eax")
T(bsr16, "bsr %%bx,%%ax")
T(tzcnt64, "tzcnt %%rbx,%%rax")
T(tzcnt32, "tzcnt %%ebx,%%eax")
T(tzcnt16, "tzcnt %%bx,%%ax")
T(lzcnt64, "lzcnt %%rbx,%%rax")
T(lzcnt32, "lzcnt %%ebx,%%eax")
T(lzcnt16, "lzcnt %%bx,%%ax")
T(popcnt64, "popcnt %%rbx,%%rax")
T(popcnt32, "popcnt %%ebx,%%eax")
T(popcnt16, "popcnt %%bx,%%ax")
T(movzbl, "movzbl %%bl,%%eax")
T(movzbw, "movzbw %%bh,%%ax")
T(movzwq, "movzwq %%bx,%%rax")
T(movsbq, "movsbq %%bl,%%rax")
T(movsbl, "movsbl %%bh,%%eax")
T(movswl, "movswl %%bx,%%eax")
T(movslq, "movslq %%ebx,%%rax")
T(movsbw, "movsbw %%bl,%%ax")
T(cbtw, "cbtw")
T(cwtl, "cwtl")
T(cltq, "cltq")
T(cwtd, "cwtd")
T(cltd, "cltd")
T(cqto, "cqto")
T(bswap64, "bswap %%rax")
T(bswap32, "bswap %%eax")
T(xchg64, "xchg %%rbx,%%rax")
T(xchg8, "xchg %%bl,%%ah")
T(xchgm, "xchg %%rax,(%%rsi)")
T(mov32, "mov %%ebx,%%eax")
T(mov16, "mov %%bx,%%ax")
T(mov8h, "mov %%bl,%%ah")
T(movabs, "movabs $0x8000000000000001,%%rax")
T(lea1, "lea 0x7fffffff(%%rax,%%rbx,8),%%rcx")
T(lea2, "lea -8(%%rax,%%rbx,2),%%ecx")
T(lea3, "lea 1(%%rax),%%cx")
T(cmc, "cmc")
T(clc, "clc")
T(stc, "stc")
T(sahf, "sahf")
T(lahf, "lahf")
T(xadd64, "xadd %%rbx,%%rax")
T(xadd8, "xadd %%bl,%%al")
T(xaddm, "lock xadd %%rbx,(%%rsi)")
T(cmpxchg64, "cmpxchg %%rbx,%%rcx")
T(cmpxchg32m, "lock cmpxchg %%ebx,(%%rsi)")
T(cmpxchg8, "cmpxchg %%bl,%%cl")
T(cmpxchg64eq, "mov %%rcx,%%rax\n cmpxchg %%rbx,%%rcx")
T(cmpxchg16b, "mov (%%rsi),%%rax\n mov 8(%%rsi),%%rdx\n lock cmpxchg16b (%%rsi)")
T(cmpxchg8bne, "lock cmpxchg8b (%%rsi)")
T(seto, "seto %%cl")
T(cmovo, "cmovo %%rbx,%%rax")
T(cmovo32, "cmovo %%ebx,%%eax")
T(cmp64seto, "cmp %%rbx,%%rax\n seto %%cl")
T(cmp32seto, "cmp %%ebx,%%eax\n seto %%cl")
T(cmp8seto, "cmp %%bl,%%al\n seto %%cl")
T(test32seto, "test %%ebx,%%eax\n seto %%cl")
T(add64seto, "add %%rbx,%%rax\n seto %%cl")
T(sub16seto, "sub %%bx,%%ax\n seto %%cl")
T(inc32seto, "inc %%eax\n seto %%cl")
T(cmp64jo, "cmp %%rbx,%%rax\n jo 1f\n mov $1,%%ecx\n1:")
T(setno, "setno %%cl")
T(cmovno, "cmovno %%rbx,%%rax")
T(cmovno32, "cmovno %%ebx,%%eax")
T(cmp64setno, "cmp %%rbx,%%rax\n setno %%cl")
T(cmp32setno, "cmp %%ebx,%%eax\n setno %%cl")
T(cmp8setno, "cmp %%bl,%%al\n setno %%cl")
T(test32setno, "test %%ebx,%%eax\n setno %%cl")
T(add64setno, "add %%rbx,%%rax\n setno %%cl")
T(sub16setno, "sub %%bx,%%ax\n setno %%cl")
T(inc32setno, "inc %%eax\n setno %%cl")
T(cmp64jno, "cmp %%rbx,%%rax\n jno 1f\n mov $1,%%ecx\n1:")
T(setb, "setb %%cl")
T(cmovb, "cmovb %%rbx,%%rax")
T(cmovb32, "cmovb %%ebx,%%eax")
T(cmp64setb, "cmp %%rbx,%%rax\n setb %%cl")
T(cmp32setb, "cmp %%ebx,%%eax\n setb %%cl")
T(cmp8setb, "cmp %%bl,%%al\n setb %%cl")
T(test32setb, "test %%ebx,%%eax\n setb %%cl")
T(add64setb, "add %%rbx,%%rax\n setb %%cl")
T(sub16setb, "sub %%bx,%%ax\n setb %%cl")
T(inc32setb, "inc %%eax\n setb %%cl")
T(shl64setb, "shl %%cl,%%rax\n setb %%dl")
T(cmp64jb, "cmp %%rbx,%%rax\n jb 1f\n mov $1,%%ecx\n1:")
T(setae, "setae %%cl")
T(cmovae, "cmovae %%rbx,%%rax")
T(cmovae32, "cmovae %%ebx,%%eax")
T(cmp64setae, "cmp %%rbx,%%rax\n setae %%cl")
T(cmp32setae, "cmp %%ebx,%%eax\n setae %%cl")
T(cmp8setae, "cmp %%bl,%%al\n setae %%cl")
T(test32setae, "test %%ebx,%%eax\n setae %%cl")
T(add64setae, "add %%rbx,%%rax\n setae %%cl")
T(sub16setae, "sub %%bx,%%ax\n setae %%cl")
T(inc32setae, "inc %%eax\n setae %%cl")
T(shl64setae, "shl %%cl,%%rax\n setae %%dl")
T(cmp64jae, "cmp %%rbx,%%rax\n jae 1f\n mov $1,%%ecx\n1:")
T(sete, "sete %%cl")
T(cmove, "cmove %%rbx,%%rax")
T(cmove32, "cmove %%ebx,%%eax")
T(cmp64sete, "cmp %%rbx,%%rax\n sete %%cl")
T(cmp32sete, "cmp %%ebx,%%eax\n sete %%cl")
T(cmp8sete, "cmp %%bl,%%al\n sete %%cl")
T(test32sete, "test %%ebx,%%eax\n sete %%cl")
T(add64sete, "add %%rbx,%%rax\n sete %%cl")
T(sub16sete, "sub %%bx,%%ax\n sete %%cl")
T(inc32sete, "inc %%eax\n sete %%cl")
T(shl64sete, "shl %%cl,%%rax\n sete %%dl")
T(cmp64je, "cmp %%rbx,%%rax\n je 1f\n mov $1,%%ecx\n1:")
T(setne, "setne %%cl")
T(cmovne, "cmovne %%rbx,%%rax")
T(cmovne32, "cmovne %%ebx,%%eax")
T(cmp64setne, "cmp %%rbx,%%rax\n setne %%cl")
T(cmp32setne, "cmp %%ebx,%%eax\n setne %%cl")
T(cmp8setne, "cmp %%bl,%%al\n setne %%cl")
T(test32setne, "test %%ebx,%%eax\n setne %%cl")
T(add64setne, "add %%rbx,%%rax\n setne %%cl")
T(sub16setne, "sub %%bx,%%ax\n setne %%cl")
T(inc32setne, "inc %%eax\n setne %%cl")
T(shl64setne, "shl %%cl,%%rax\n setne %%dl")
T(cmp64jne, "cmp %%rbx,%%rax\n jne 1f\n mov $1,%%ecx\n1:")
T(setbe, "setbe %%cl")
T(cmovbe, "cmovbe %%rbx,%%rax")
T(cmovbe32, "cmovbe %%ebx,%%eax")
T(cmp64setbe, "cmp %%rbx,%%rax\n setbe %%cl")
T(cmp32setbe, "cmp %%ebx,%%eax\n setbe %%cl")
T(cmp8setbe, "cmp %%bl,%%al\n setbe %%cl")
T(test32setbe, "test %%ebx,%%eax\n setbe %%cl")
T(add64setbe, "add %%rbx,%%rax\n setbe %%cl")
T(sub16setbe, "sub %%bx,%%ax\n setbe %%cl")
T(inc32setbe, "inc %%eax\n setbe %%cl")
T(shl64setbe, "shl %%cl,%%rax\n setbe %%dl")
T(cmp64jbe, "cmp %%rbx,%%rax\n jbe 1f\n mov $1,%%ecx\n1:")
T(seta, "seta %%cl")
T(cmova, "cmova %%rbx,%%rax")
T(cmova32, "cmova %%ebx,%%eax")
T(cmp64seta, "cmp %%rbx,%%rax\n seta %%cl")
T(cmp32seta, "cmp %%ebx,%%eax\n seta %%cl")
T(cmp8seta, "cmp %%bl,%%al\n seta %%cl")
T(test32seta, "test %%ebx,%%eax\n seta %%cl")
T(add64seta, "add %%rbx,%%rax\n seta %%cl")
T(sub16seta, "sub %%bx,%%ax\n seta %%cl")
T(inc32seta, "inc %%eax\n seta %%cl")
T(shl64seta, "shl %%cl,%%rax\n seta %%dl")
T(cmp64ja, "cmp %%rbx,%%rax\n ja 1f\n mov $1,%%ecx\n1:")
T(sets, "sets %%cl")
T(cmovs, "cmovs %%rbx,%%rax")
T(cmovs32, "cmovs %%ebx,%%eax")
T(cmp64sets, "cmp %%rbx,%%rax\n sets %%cl")
T(cmp32sets, "cmp %%ebx,%%eax\n sets %%cl")
T(cmp8sets, "cmp %%bl,%%al\n sets %%cl")
T(test32sets, "test %%ebx,%%eax\n sets %%cl")
T(add64sets, "add %%rbx,%%rax\n sets %%cl")
T(sub16sets, "sub %%bx,%%ax\n sets %%cl")
T(inc32sets, "inc %%eax\n sets %%cl")
T(shl64sets, "shl %%cl,%%rax\n sets %%dl")
T(cmp64js, "cmp %%rbx,%%rax\n js 1f\n mov $1,%%ecx\n1:")
T(setns, "setns %%cl")
T(cmovns, "cmovns %%rbx,%%rax")
T(cmovns32, "cmovns %%ebx,%%eax")
T(cmp64setns, "cmp %%rbx,%%rax\n setns %%cl")
T(cmp32setns, "cmp %%ebx,%%eax\n setns %%cl")
T(cmp8setns, "cmp %%bl,%%al\n setns %%cl")
T(test32setns, "test %%ebx,%%eax\n setns %%cl")
T(add64setns, "add %%rbx,%%rax\n setns %%cl")
T(sub16setns, "sub %%bx,%%ax\n setns %%cl")
T(inc32setns, "inc %%eax\n setns %%cl")
T(shl64setns, "shl %%cl,%%rax\n setns %%dl")
T(cmp64jns, "cmp %%rbx,%%rax\n jns 1f\n mov $1,%%ecx\n1:")
T(setp, "setp %%cl")
T(cmovp, "cmovp %%rbx,%%rax")
T(cmovp32, "cmovp %%ebx,%%eax")
T(cmp64setp, "cmp %%rbx,%%rax\n setp %%cl")
T(cmp32setp, "cmp %%ebx,%%eax\n setp %%cl")
T(cmp8setp, "cmp %%bl,%%al\n setp %%cl")
T(test32setp, "test %%ebx,%%eax\n setp %%cl")
T(add64setp, "add %%rbx,%%rax\n setp %%cl")
T(sub16setp, "sub %%bx,%%ax\n setp %%cl")
T(inc32setp, "inc %%eax\n setp %%cl")
T(shl64setp, "shl %%cl,%%rax\n setp %%dl")
T(cmp64jp, "cmp %%rbx,%%rax\n jp 1f\n mov $1,%%ecx\n1:")
T(setnp, "setnp %%cl")
T(cmovnp, "cmovnp %%rbx,%%rax")
T(cmovnp32, "cmovnp %%ebx,%%eax")
T(cmp64setnp, "cmp %%rbx,%%rax\n setnp %%cl")
T(cmp32setnp, "cmp %%ebx,%%eax\n setnp %%cl")
T(cmp8setnp, "cmp %%bl,%%al\n setnp %%cl")
T(test32setnp, "test %%ebx,%%eax\n setnp %%cl")
T(add64setnp, "add %%rbx,%%rax\n setnp %%cl")
T(sub16setnp, "sub %%bx,%%ax\n setnp %%cl")
T(inc32setnp, "inc %%eax\n setnp %%cl")
T(shl64setnp, "shl %%cl,%%rax\n setnp %%dl")
T(cmp64jnp, "cmp %%rbx,%%rax\n jnp 1f\n mov $1,%%ecx\n1:")
T(setl, "setl %%cl")
T(cmovl, "cmovl %%rbx,%%rax")
T(cmovl32, "cmovl %%ebx,%%eax")
T(cmp64setl, "cmp %%rbx,%%rax\n setl %%cl")
T(cmp32setl, "cmp %%ebx,%%eax\n setl %%cl")
T(cmp8setl, "cmp %%bl,%%al\n setl %%cl")
T(test32setl, "test %%ebx,%%eax\n setl %%cl")
T(add64setl, "add %%rbx,%%rax\n setl %%cl")
T(sub16setl, "sub %%bx,%%ax\n setl %%cl")
T(inc32setl, "inc %%eax\n setl %%cl")
T(cmp64jl, "cmp %%rbx,%%rax\n jl 1f\n mov $1,%%ecx\n1:")
T(setge, "setge %%cl")
T(cmovge, "cmovge %%rbx,%%rax")
T(cmovge32, "cmovge %%ebx,%%eax")
T(cmp64setge, "cmp %%rbx,%%rax\n setge %%cl")
T(cmp32setge, "cmp %%ebx,%%eax\n setge %%cl")
T(cmp8setge, "cmp %%bl,%%al\n setge %%cl")
T(test32setge, "test %%ebx,%%eax\n setge %%cl")
T(add64setge, "add %%rbx,%%rax\n setge %%cl")
T(sub16setge, "sub %%bx,%%ax\n setge %%cl")
T(inc32setge, "inc %%eax\n setge %%cl")
T(cmp64jge, "cmp %%rbx,%%rax\n jge 1f\n mov $1,%%ecx\n1:")
T(setle, "setle %%cl")
T(cmovle, "cmovle %%rbx,%%rax")
T(cmovle32, "cmovle %%ebx,%%eax")
T(cmp64setle, "cmp %%rbx,%%rax\n setle %%cl")
T(cmp32setle, "cmp %%ebx,%%eax\n setle %%cl")
T(cmp8setle, "cmp %%bl,%%al\n setle %%cl")
T(test32setle, "test %%ebx,%%eax\n setle %%cl")
T(add64setle, "add %%rbx,%%rax\n setle %%cl")
T(sub16setle, "sub %%bx,%%ax\n setle %%cl")
T(inc32setle, "inc %%eax\n setle %%cl")
T(cmp64jle, "cmp %%rbx,%%rax\n jle 1f\n mov $1,%%ecx\n1:")
T(setg, "setg %%cl")
T(cmovg, "cmovg %%rbx,%%rax")
T(cmovg32, "cmovg %%ebx,%%eax")
T(cmp64setg, "cmp %%rbx,%%rax\n setg %%cl")
T(cmp32setg, "cmp %%ebx,%%eax\n setg %%cl")
T(cmp8setg, "cmp %%bl,%%al\n setg %%cl")
T(test32setg, "test %%ebx,%%eax\n setg %%cl")
T(add64setg, "add %%rbx,%%rax\n setg %%cl")
T(sub16setg, "sub %%bx,%%ax\n setg %%cl")
T(inc32setg, "inc %%eax\n setg %%cl")
T(cmp64jg, "cmp %%rbx,%%rax\n jg 1f\n mov $1,%%ecx\n1:")

/* Fused flag readers after add/inc/dec of every size, and rotates between a flag producer and
 * its reader (the lifter tracks flag liveness per flag across inc/dec and rol/ror). */
#ifndef MASK_add8setb
#define MASK_add8setb (ALL)
#endif
#ifndef MASK_add16setb
#define MASK_add16setb (ALL)
#endif
#ifndef MASK_add32setb
#define MASK_add32setb (ALL)
#endif
#ifndef MASK_add32setbe
#define MASK_add32setbe (ALL)
#endif
#ifndef MASK_add8sets
#define MASK_add8sets (ALL)
#endif
#ifndef MASK_dec64setz
#define MASK_dec64setz (ALL)
#endif
#ifndef MASK_dec64setb
#define MASK_dec64setb (ALL)
#endif
#ifndef MASK_dec16sets
#define MASK_dec16sets (ALL)
#endif
#ifndef MASK_inc8setbe
#define MASK_inc8setbe (ALL)
#endif
#ifndef MASK_add64rolsetb
#define MASK_add64rolsetb (ALL & ~0x800)
#endif
#ifndef MASK_shr64rolsetz
#define MASK_shr64rolsetz (SHIFT)
#endif
#ifndef MASK_add32rolrolxor
#define MASK_add32rolrolxor (LOGIC)
#endif
#ifndef MASK_inc64rolsetb
#define MASK_inc64rolsetb (ALL)
#endif
#ifndef MASK_add64rol0setb
#define MASK_add64rol0setb (ALL)
#endif
#ifndef MASK_dec32rorsetz
#define MASK_dec32rorsetz (ALL & ~0x800)
#endif
T(add8setb, "add %%bl,%%al\n setb %%cl")
T(add16setb, "add %%bx,%%ax\n setb %%cl")
T(add32setb, "add %%ebx,%%eax\n setb %%cl")
T(add32setbe, "add %%ebx,%%eax\n setbe %%cl")
T(add8sets, "add %%bl,%%al\n sets %%cl")
T(dec64setz, "dec %%rax\n setz %%cl")
T(dec64setb, "dec %%rax\n setb %%cl")
T(dec16sets, "dec %%ax\n sets %%cl")
T(inc8setbe, "inc %%al\n setbe %%cl")
T(add64rolsetb, "add %%rbx,%%rax\n rol $3,%%rdx\n setb %%cl")
T(shr64rolsetz, "shr $3,%%rax\n rol $5,%%rdx\n setz %%cl")
T(add32rolrolxor, "add %%ebx,%%eax\n rol $13,%%edx\n rol $7,%%ecx\n xor %%edx,%%eax")
T(inc64rolsetb, "inc %%rax\n rol $1,%%rdx\n setb %%cl")
T(add64rol0setb, "add %%rbx,%%rax\n rol $0,%%rdx\n setb %%cl")
T(dec32rorsetz, "dec %%eax\n ror $9,%%edx\n setz %%cl")
/* The flags of a compare stay live across an unconditional jump, whatever follows the jump. */
#ifndef MASK_cmp64jmpsetb
#define MASK_cmp64jmpsetb (ALL)
#endif
T(cmp64jmpsetb, "cmp %%rbx,%%rax\n jmp 1f\n xor %%ecx,%%ecx\n1: setb %%cl")
