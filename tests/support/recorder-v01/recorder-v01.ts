// The same recorder, exporting only the 0.1.0 incoming-handler.
export { incomingHandler } from '../recorder/recorder.ts';
