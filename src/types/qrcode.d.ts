// qrcode 1.5 ships no types; only what the enrolment uses is declared.
declare module 'qrcode' {
  interface ToDataURLOptions {
    errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
    margin?: number;
    width?: number;
  }
  const QRCode: { toDataURL(text: string, options?: ToDataURLOptions): Promise<string> };
  export default QRCode;
}
