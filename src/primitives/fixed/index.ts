export {
  defineFixed,
  compareFixed,
  FixedOverflowError,
  FixedDivisionByZeroError,
  type FixedType,
  type FixedSpec,
  type NumSource,
} from './define.ts';
export { INT_RANGES, type IntKind, type IntRange } from './int-kinds.ts';
export { I32F32, I64F64, U64F64, U96F32, I96F32, U110F18, I110F18, I9F23 } from './types.ts';
export * as transcendental from './transcendental.ts';
export { checkedPow, checkedSqrt, checkedLn, checkedLog } from './safe-math.ts';
export { expSafe, sigmoidSafe, safeLn } from './subtensor-math.ts';
export { scaleF64ToInteger } from './float.ts';
