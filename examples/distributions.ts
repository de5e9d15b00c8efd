// Divergence Lens examples: select both arrays and run "Divergence: KL Divergence of Selection".
const p = [0.36, 0.48, 0.16];
const q = [1 / 3, 1 / 3, 1 / 3];

// A model's predicted class probabilities against the label frequencies.
const predicted = new Float64Array([0.7, 0.2, 0.05, 0.05]);
const labels = [0.5, 0.3, 0.1, 0.1];

export { p, q, predicted, labels };
