"""Writes dsl/src/main/resources/dev/djinn/dsl/train/fused_adam.pt, the TorchScript module FusedAdam runs.

DJL's PyTorch engine updates Adam's weights one parameter at a time with about eleven tensor operations each; PyTorch's
fused CPU kernel (torch._fused_adam_) does a parameter in one vectorized pass. DJL can run a TorchScript module but
cannot call that operator, so this module does. The archive stores this code as text and libtorch compiles it again
when it loads it, so the operator is the one of the PyTorch in DJL's natives (2.7), whatever PyTorch wrote the file.

Run with Debian's python3-torch:  /usr/bin/python3 dsl/src/main/torchscript/fused_adam.py
"""
import os
from typing import List

import torch


class FusedAdam(torch.nn.Module):
    def forward(self, params: List[torch.Tensor], exp_avgs: List[torch.Tensor], exp_avg_sqs: List[torch.Tensor],
                steps: List[torch.Tensor], hyper: List[float], decoupled: bool) -> int:
        """One Adam (or AdamW when decoupled) step over every parameter that has a gradient, then zeroes the gradients.

        hyper = [learning rate, beta1, beta2, epsilon, weight decay, clip]; clip > 0 clamps each gradient element to
        [-clip, clip] first. Returns how many parameters were updated.
        """
        lr, beta1, beta2, eps, decay, clip = hyper[0], hyper[1], hyper[2], hyper[3], hyper[4], hyper[5]
        with torch.no_grad():
            ps: List[torch.Tensor] = []
            gs: List[torch.Tensor] = []
            ms: List[torch.Tensor] = []
            vs: List[torch.Tensor] = []
            ss: List[torch.Tensor] = []
            for i in range(len(params)):
                g = params[i].grad
                if g is not None:
                    ps.append(params[i])
                    gs.append(g)
                    ms.append(exp_avgs[i])
                    vs.append(exp_avg_sqs[i])
                    ss.append(steps[i])
            if len(ps) == 0:
                return 0
            if clip > 0.0:
                for g in gs:
                    g.clamp_(-clip, clip)
            torch._foreach_add_(ss, 1.0)
            if decoupled:
                # AdamW as PyTorch computes it: the weights shrink by lr * decay, then an Adam step without decay
                torch._foreach_mul_(ps, 1.0 - lr * decay)
                decay = 0.0
            torch._fused_adam_(ps, gs, ms, vs, [], ss, lr=lr, beta1=beta1, beta2=beta2, weight_decay=decay, eps=eps,
                               amsgrad=False, maximize=False)
            for g in gs:
                # (torch._foreach_zero_ compiled here leaves the gradients as they are in libtorch 2.7)
                g.zero_()
        return len(ps)


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, "..", "resources", "dev", "djinn", "dsl", "train", "fused_adam.pt")
    torch.jit.script(FusedAdam()).save(os.path.normpath(target))
    print("wrote", os.path.normpath(target))
