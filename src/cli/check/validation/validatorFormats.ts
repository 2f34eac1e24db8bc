import { fullFormats } from 'ajv-formats/dist/formats.js';
import { ASL_FORMATS } from './aslFormats.ts';

/**
 * Every format asl-validator's schemas name, by name: ajv-formats' (`date-time` for a Wait's
 * `Timestamp`) and this package's ASL formats. The generated state validators import it, as Ajv's
 * standalone code reads formats from the object that `code.formats` names.
 */
export const formats = { ...fullFormats, ...ASL_FORMATS };
