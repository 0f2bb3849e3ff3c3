/**
 * Logistic regression for lead scoring, implemented here (no packages): features standardised
 * (z-scores), batch gradient descent on the mean log-loss with an L2 penalty on the weights
 * (not on the bias). Deterministic: same data, same model.
 */
export interface LogisticModel {
  bias: number;
  weights: number[];
  means: number[];
  stds: number[];
}

export interface TrainOptions {
  learningRate?: number;
  iterations?: number;
  l2?: number;
}

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function standardiser(X: number[][]) {
  const d = X[0]?.length ?? 0;
  const n = X.length || 1;
  const means = Array.from({ length: d }, (_, j) => X.reduce((s, x) => s + x[j]!, 0) / n);
  const stds = means.map((m, j) => {
    const v = X.reduce((s, x) => s + (x[j]! - m) ** 2, 0) / n;
    // A constant feature carries no information; keep it at zero instead of dividing by zero.
    return v > 1e-12 ? Math.sqrt(v) : 1;
  });
  return { means, stds };
}

const standardise = (x: number[], means: number[], stds: number[]) =>
  x.map((v, j) => (v - means[j]!) / stds[j]!);

export function trainLogistic(X: number[][], y: number[], o: TrainOptions = {}): LogisticModel {
  const lr = o.learningRate ?? 0.5;
  const iterations = o.iterations ?? 800;
  const l2 = o.l2 ?? 0.01;
  const { means, stds } = standardiser(X);
  const Z = X.map((x) => standardise(x, means, stds));
  const n = Z.length;
  const d = means.length;
  const w = new Array<number>(d).fill(0);
  const pos = y.reduce((s, v) => s + v, 0);
  // Start the bias at the base rate's log-odds: fewer steps to the optimum.
  let b = pos > 0 && pos < n ? Math.log(pos / (n - pos)) : 0;
  const grad = new Array<number>(d);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const z = Z[i]!;
      let s = b;
      for (let j = 0; j < d; j++) s += w[j]! * z[j]!;
      const err = sigmoid(s) - y[i]!;
      gb += err;
      for (let j = 0; j < d; j++) grad[j]! += err * z[j]!;
    }
    for (let j = 0; j < d; j++) w[j]! -= lr * (grad[j]! / n + l2 * w[j]!);
    b -= (lr * gb) / n;
  }
  return { bias: b, weights: w, means, stds };
}

/** Each feature's contribution to the log-odds (weight × standardised value). */
export function contributions(m: LogisticModel, x: number[]): number[] {
  return standardise(x, m.means, m.stds).map((z, j) => m.weights[j]! * z);
}

export function predict(m: LogisticModel, x: number[]): number {
  return sigmoid(contributions(m, x).reduce((s, c) => s + c, m.bias));
}

/** Area under the ROC curve (rank statistic, ties counted half); 0.5 when one class is missing. */
export function auc(scores: number[], y: number[]): number {
  const idx = scores.map((s, i) => ({ s, y: y[i]! })).sort((a, b) => a.s - b.s);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && idx[j]!.s === idx[i]!.s) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if (idx[k]!.y === 1) {
        rankSumPos += avgRank;
        pos++;
      }
    i = j;
  }
  const neg = idx.length - pos;
  if (!pos || !neg) return 0.5;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function logLoss(scores: number[], y: number[]): number {
  const eps = 1e-12;
  const n = scores.length || 1;
  return -scores.reduce((s, p, i) => s + (y[i] ? Math.log(p + eps) : Math.log(1 - p + eps)), 0) / n;
}
