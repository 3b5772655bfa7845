/** The integ tier's timings: the shipped local-deploy room's `timed`. */
export { timed } from '../../../local/timing';
