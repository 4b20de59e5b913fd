/**
 * A set's definition in words, for sets that are not simply one gate (CytoClus combined sets, Gating-ML boolean
 * gates): "Gate A and not (Gate B or Noise)". Gates and sets are named by their names.
 */
import type { SetExpression } from '../../shared/gating/gate.js';

export interface ExpressionWords {
  and: string;
  or: string;
  not: string;
  /** An empty "and" (every event) and an empty "or" (no event). */
  all: string;
  none: string;
}

export function expressionText(e: SetExpression, gateName: (id: string) => string, setName: (id: string) => string, words: ExpressionWords, nested = false): string {
  switch (e.op) {
    case 'gate':
      return gateName(e.gateId);
    case 'set':
      return setName(e.setId);
    case 'not':
      return `${words.not} ${expressionText(e.operand, gateName, setName, words, true)}`;
    case 'and':
    case 'or': {
      if (e.operands.length === 0) return e.op === 'and' ? words.all : words.none;
      if (e.operands.length === 1) return expressionText(e.operands[0]!, gateName, setName, words, nested);
      const text = e.operands.map((o) => expressionText(o, gateName, setName, words, true)).join(` ${e.op === 'and' ? words.and : words.or} `);
      return nested ? `(${text})` : text;
    }
  }
}
