// Guest of the test-only `host-test:listener` component (world `listener-world` of
// tests/host/wit/probe.wit): called by other components through the host.
import { callComponentFunction } from 'asterai:host/api@1.0.0';
import { getEnvironment } from 'wasi:cli/environment@0.2.0';

export const listener = {
  onNote(note) {
    console.log(`listener got ${JSON.stringify(note)}`);
    if (note.text === 'boom') throw new Error('listener exploded');
    if (note.text === 'call back') {
      const bumped = callComponentFunction('host-test:probe', 'probe/bump', '[]');
      console.log(`listener called back: ${bumped}`);
    }
    if (note.text === 'env') {
      const greeting = getEnvironment().find(([key]) => key === 'GREETING')?.[1];
      console.log(`listener env: ${greeting}`);
    }
  },
};
