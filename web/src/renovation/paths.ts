export const COMPLIANCE_PATH = '/renovation';
export const OPERATIONS_PATH = '/renovation/operations';
export const NEW_OPERATION_PATH = '/renovation/operations/nouvelle';

export const operationPath = (id: number) => `${OPERATIONS_PATH}/${id}`;
