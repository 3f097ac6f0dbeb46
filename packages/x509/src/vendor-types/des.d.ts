/** The part of des.js (no published types) that the compat PKCS#12 profile uses. */
declare module "des.js" {
  interface Cipher {
    update(data: number[]): number[];
    final(): number[];
  }
  interface CipherFactory {
    create(options: { type: "encrypt" | "decrypt"; key: number[]; iv?: number[] }): Cipher;
  }
  const des: {
    EDE: CipherFactory;
    DES: CipherFactory;
    CBC: { instantiate(base: CipherFactory): CipherFactory };
  };
  export default des;
}
