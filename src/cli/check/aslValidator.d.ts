// asl-validator 4 ships no type declarations; this declares the part of its API used here.
declare module 'asl-validator' {
  interface StateMachineError {
    readonly 'Error code': string;
    readonly Message: string;
  }
  interface ValidationResult {
    readonly isValid: boolean;
    readonly errors: readonly StateMachineError[];
    errorsText(separator?: string): string;
  }
  interface ValidationOptions {
    readonly checkPaths: boolean;
    readonly checkArn: boolean;
  }
  function aslValidator(definition: object, options?: ValidationOptions): ValidationResult;
  export default aslValidator;
}
