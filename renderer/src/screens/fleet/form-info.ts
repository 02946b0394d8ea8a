// What the room form draws from (field names, labels, known choices), as main sends it once: the renderer
// takes the contract's types only.
import { useEffect, useState } from 'react';
import type { FleetFormInfo } from '../../../../contract/index.ts';
import { relay } from '../../relay.ts';

let cached: FleetFormInfo | null = null;

export function useFormInfo(): FleetFormInfo | null {
  const [info, setInfo] = useState<FleetFormInfo | null>(cached);
  useEffect(() => {
    if (cached) return;
    void relay()
      ?.fleetFormInfo()
      .then((r) => {
        if (!r.ok) return;
        cached = r.value;
        setInfo(r.value);
      });
  }, []);
  return info;
}
