/** Types of pack-install.mjs (a plain script so that bench/*.bench.mjs can run it without a build). */
export interface PublishablePackage {
  dir: string;
  name: string;
  version: string;
}
export interface PackedPackage extends PublishablePackage {
  tarball: string;
}
export const root: string;
export function publishablePackages(): PublishablePackage[];
export function cleanEnv(): NodeJS.ProcessEnv;
export function packAll(dest: string): PackedPackage[];
export function installTarballs(dir: string, packed: readonly PackedPackage[]): void;
