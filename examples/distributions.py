"""Divergence Lens examples: select the two lines below and run
"Divergence: KL Divergence of Selection" from the Command Palette (F1)."""
import numpy as np
import torch

p = [0.36, 0.48, 0.16]
q = [1/3, 1/3, 1/3]

# Counts are fine too: Divergence Lens normalises them and says so.
observed = np.array([12, 30, 41, 17])
expected = np.array([25, 25, 25, 25])

# Logits from a model head. Hover one to see its entropy read as logits; select both
# and run "KL Divergence of Selection": the Quick Pick offers "Read as logits (softmax)",
# first because of their names, or "... from now on" to set divergenceLens.input to
# "logits" in this workspace. Log-probabilities (every value <= 0) are offered the same way.
logits_a = torch.tensor([2.0, 0.5, -1.0, 0.1])
logits_b = torch.tensor([1.5, 0.7, -0.5, 0.0])
