/**
 * GB 3304 ethnic group codes as stored in the card's 4-byte nation field ("01" = 汉).
 * Index 0 is code 01. 97 and 98 are the two non-ethnic codes the card can carry.
 */
const NATIONS_01_TO_56 = [
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜',
  '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳',
  '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土',
  '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米',
  '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔',
  '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺',
] as const;

const NATION_BY_CODE: ReadonlyMap<string, string> = new Map<string, string>([
  ...NATIONS_01_TO_56.map((name, index): [string, string] => [String(index + 1).padStart(2, '0'), name]),
  ['97', '其他'],
  ['98', '外国血统中国籍人士'],
]);

/** Name for a two-digit code; an unlisted code is returned as is rather than guessed. */
export function nationName(code: string): string {
  return NATION_BY_CODE.get(code) ?? code;
}

/** Two-digit code for a name or a code (the simulator's side); undefined when unknown. */
export function nationCode(nameOrCode: string): string | undefined {
  if (NATION_BY_CODE.has(nameOrCode)) return nameOrCode;
  for (const [code, name] of NATION_BY_CODE) if (name === nameOrCode) return code;
  return undefined;
}
