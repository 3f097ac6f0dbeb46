/** mtls-lab (apps/demo): the mtls-lab CLI and the local lab, as functions tests can drive. */
export {};
