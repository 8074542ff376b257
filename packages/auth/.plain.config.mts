import { base } from "../../vitest.shared.js";
export default base;
