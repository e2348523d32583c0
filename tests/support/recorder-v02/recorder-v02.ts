// The same recorder, exporting the 0.2.0 incoming-handler and status-handler.
export { incomingHandler, statusHandler } from '../recorder/recorder.ts';
