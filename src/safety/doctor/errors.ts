import { AmbixError } from '../../errors.js';

/** `doctor` found problems of severity `error`: exit status 1 so scripts and CI stop. */
export class DoctorFoundProblemsError extends AmbixError {
  constructor(count: number) {
    super('DOCTOR_FOUND_PROBLEMS', `doctor found ${count} problem(s); each is listed above with what to do.`);
  }
}
